package dev.pgdrill.engine.postgres;

import dev.pgdrill.engine.env.ConnectionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The socket pgjdbc is given for a unix-socket node, against a UNIX-domain server of the test's own. */
class UnixSocketTest {
    @TempDir
    Path tmp;

    private Path privateDir() throws Exception {
        Path dir = tmp.resolve("sock");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return dir;
    }

    @Test
    void bytesGoBothWaysWhateverTcpAddressPgjdbcPasses() throws Exception {
        Path file = privateDir().resolve(".s.PGSQL.5432");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(file));
            try (Socket s = new UnixSocketFactory(file.toString()).createSocket()) {
                s.setTcpNoDelay(true);
                s.setKeepAlive(true);
                s.connect(new InetSocketAddress("192.0.2.1", 1), 5000);   // ignored: no such host is reached
                assertThat(s.isConnected()).isTrue();
                try (SocketChannel peer = server.accept()) {
                    s.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                    ByteBuffer got = ByteBuffer.allocate(4);
                    while (got.hasRemaining()) {
                        peer.read(got);
                    }
                    assertThat(new String(got.array(), StandardCharsets.US_ASCII)).isEqualTo("ping");
                    peer.write(ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII)));
                    assertThat(new String(s.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("pong");
                    peer.close();
                    assertThat(s.getInputStream().read()).as("end of stream once the peer closed").isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void aReadWithoutAnswerEndsAtTheSoTimeoutAndAReadBlockedForeverEndsWhenTheSocketCloses() throws Exception {
        Path file = privateDir().resolve(".s.PGSQL.5432");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(file));
            Socket s = new UnixSocketFactory(file.toString()).createSocket("127.0.0.1", 5432);
            try (SocketChannel peer = server.accept()) {
                s.setSoTimeout(100);
                assertThat(s.getSoTimeout()).isEqualTo(100);
                InputStream in = s.getInputStream();
                assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class).hasMessageContaining(file.toString());
                s.setSoTimeout(0);
                CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
                    try {
                        return in.read();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                assertThat(blocked).isNotDone();
                s.close();
                assertThatThrownBy(() -> blocked.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasRootCauseInstanceOf(SocketException.class).hasRootCauseMessage("Socket is closed");
                assertThat(s.isClosed()).isTrue();
            }
        }
    }

    @Test
    void noServerAtThePathIsAConnectErrorNamingIt() throws Exception {
        Path file = privateDir().resolve(".s.PGSQL.5432");
        assertThatThrownBy(() -> new UnixSocketFactory(file.toString()).createSocket("127.0.0.1", 5432))
                .isInstanceOf(java.net.ConnectException.class).hasMessageContaining(file.toString());
    }

    @Test
    void theUrlAndThePropertiesNameTheFactoryAndTheSocketEncoded() {
        ConnectionInfo info = new ConnectionInfo("127.0.0.1", 5433, "drill db", "dba", "pw", "/w/a&b c/.s.PGSQL.5433");
        assertThat(info.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/drill+db?socketFactory="
                + "dev.pgdrill.engine.postgres.UnixSocketFactory&socketFactoryArg=%2Fw%2Fa%26b+c%2F.s.PGSQL.5433");
        Properties props = info.addSocket(new Properties());
        assertThat(props).containsEntry("socketFactory", UnixSocketFactory.class.getName())
                .containsEntry("socketFactoryArg", "/w/a&b c/.s.PGSQL.5433");
        assertThat(info.toString()).isEqualTo("dba@/w/a&b c/.s.PGSQL.5433/drill db").doesNotContain("pw");
        ConnectionInfo tcp = new ConnectionInfo("127.0.0.1", 5433, "d", "u", "pw");
        assertThat(tcp.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/d");
        assertThat(tcp.addSocket(new Properties())).isEmpty();
    }
}
