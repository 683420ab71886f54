package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.ConnectionInfo;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.common.Jdbc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The runner's connections through a server's unix socket (pgjdbc's {@code socketFactory}, as it reaches a sandbox
 * restored from a source), against a real PostgreSQL's socket in a run's private socket directory: queries, a
 * statement cancelled through a second socket, a network timeout, and the socket files it refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnixSocketFactoryIT {
    private Path root;
    private Environment env;
    private ConnectionInfo tcp;
    private Path socket;

    @BeforeAll
    void start() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/lib/postgresql/15/bin/postgres")) || System.getenv("PG_BIN") != null,
                "PostgreSQL server binaries not found: install postgresql-15");
        root = Files.createTempDirectory("pgdrill-unixsocket-it");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        env = Environments.factory("local", EnvironmentOptions.defaults().withWorkRoot(root)).create("unix-socket");
        env.setUp(Duration.ofMinutes(2));
        tcp = env.node("primary").orElseThrow().connectionInfo();
        try (Stream<Path> runs = Files.list(root)) {
            Path work = runs.filter(p -> p.getFileName().toString().startsWith("pgdrill-")).findFirst().orElseThrow();
            socket = work.resolve("sock").resolve(".s.PGSQL." + tcp.port());
        }
    }

    @AfterAll
    void stop() throws IOException {
        if (env != null) {
            env.close();
        }
        if (root != null) {
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private ConnectionInfo through(Path file) {
        return new ConnectionInfo(tcp.host(), tcp.port(), tcp.database(), tcp.user(), tcp.password(), file.toString());
    }

    @Test
    void queriesGoThroughTheSocketAndAStatementIsCancelledThroughASecondOne() throws SQLException {
        ConnectionInfo info = through(socket);
        assertThat(info.jdbcUrl()).contains("socketFactory=dev.pgdrill.engine.postgres.UnixSocketFactory")
                .contains("socketFactoryArg=" + socket.toString().replace("/", "%2F"));
        try (Connection c = Jdbc.connect(info, info.database()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT inet_server_addr() IS NULL, current_user, "
                    + "(SELECT count(*) FROM generate_series(1, 100000))")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("a unix-socket session has no server address").isTrue();
                assertThat(rs.getString(2)).isEqualTo(tcp.user());
                assertThat(rs.getLong(3)).isEqualTo(100000);
            }
            s.setQueryTimeout(1);   // pgjdbc cancels through a new socket from the same factory
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(60)")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("canceling statement due to user request");
            s.setQueryTimeout(0);
            try (ResultSet rs = s.executeQuery("SELECT repeat('x', 1000000)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).hasSize(1_000_000);
            }
        }
    }

    @Test
    void aNetworkTimeoutEndsAReadThatGetsNoAnswer() throws SQLException {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection c = Jdbc.connect(through(socket), tcp.database()); Statement s = c.createStatement()) {
            c.setNetworkTimeout(executor, 300);
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(5)")).isInstanceOf(SQLException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
            assertThat(c.isClosed()).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aServerThatIsNotThereIsReportedAsTheSocketsOwnErrorNotAsTcp() throws Exception {
        Path dir = Files.createTempDirectory(root, "gone");
        Path missing = dir.resolve(".s.PGSQL.5432");
        assertThatThrownBy(() -> Jdbc.connect(through(missing), tcp.database())).isInstanceOf(SQLException.class)
                .hasMessage("could not connect through unix socket " + missing + ": no such file (is the server running?)");
        Path stale = dir.resolve(".s.PGSQL.5433");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(stale));   // closed below: the file stays, nobody listens
        }
        assertThatThrownBy(() -> Jdbc.connect(through(stale), tcp.database())).isInstanceOf(SQLException.class)
                .hasMessageStartingWith("could not connect through unix socket " + stale + ": ")
                .hasMessageContaining("refused").message().doesNotContain("TCP/IP");
    }

    @Test
    void aLinkToTheSocketARegularFileALinkedDirectoryAndAnOpenDirectoryAreRefused() throws Exception {
        Path dir = Files.createTempDirectory(root, "planted");
        Path link = Files.createSymbolicLink(dir.resolve("link"), socket);
        assertThatThrownBy(() -> Jdbc.connect(through(link), tcp.database())).isInstanceOf(SQLException.class)
                .hasMessageContaining("refusing to connect through " + link + ": it is not a socket but a symbolic link");
        Path file = Files.writeString(dir.resolve("file"), "");
        assertThatThrownBy(() -> Jdbc.connect(through(file), tcp.database())).isInstanceOf(SQLException.class)
                .hasMessageContaining("refusing to connect through " + file + ": it is not a socket");
        Path linkedDir = Files.createSymbolicLink(dir.resolve("sock"), socket.getParent());
        Path viaLinkedDir = linkedDir.resolve(socket.getFileName());
        assertThatThrownBy(() -> Jdbc.connect(through(viaLinkedDir), tcp.database())).isInstanceOf(SQLException.class)
                .hasMessageContaining("its directory " + linkedDir + " is not a directory but a symbolic link");

        Path open = Files.createDirectory(dir.resolve("open"));
        Path planted = open.resolve(".s.PGSQL.5432");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(planted));
            Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
            assertThatThrownBy(() -> Jdbc.connect(through(planted), tcp.database())).isInstanceOf(SQLException.class)
                    .hasMessageContaining("its directory " + open + " is writable by others than its owner (mode 777)");
            Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwx------"));
            if (!"root".equals(System.getProperty("user.name"))) {
                return;   // only root can give the directory away
            }
            UserPrincipal nobody = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(open, nobody);
            assertThatThrownBy(() -> Jdbc.connect(through(planted), tcp.database())).isInstanceOf(SQLException.class)
                    .hasMessageContaining("is owned by uid ").hasMessageContaining(", neither root nor the socket's owner (uid 0)");
        }
    }
}
