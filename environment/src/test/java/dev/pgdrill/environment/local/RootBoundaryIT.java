package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A drill runs as the server user and never gains root through the runner (issue 25, items 1, 3, 4, 5). Each
 * test plays the drill's part as the server user would (a link it planted, a variable it set, a process it
 * detached) against a runner started as root. Root only: a runner that is not root is the server user.
 */
class RootBoundaryIT {
    private static final String SECRET = "root-only-secret-5f3a";

    @TempDir
    Path rootsOwn;   // 0700, root's: nothing in it is the server user's to read or change
    private Path secret;

    @BeforeEach
    void rootOnly() throws IOException {
        Assumptions.assumeTrue(ServerUser.isRoot(), "not root: the runner is the server user itself, nothing to separate");
        Sql.assumePostgresInstalled();
        Files.setPosixFilePermissions(rootsOwn, PosixFilePermissions.fromString("rwx------"));
        secret = Files.writeString(rootsOwn.resolve("secret"), SECRET + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    }

    /** Item 1: a drill's variables are set after the drop, and those that steer the loader are refused. */
    @Test
    void aDrillsVariablesNeverReachAProcessThatRunsAsRoot() throws Exception {
        try (Environment env = Environments.factory("local", EnvironmentOptions.defaults()).create("root-env-it")) {
            env.setUp(Duration.ofSeconds(60));
            Node primary = env.node("primary").orElseThrow();
            Path debug = Files.createDirectories(Path.of(env.location()).resolve("ld"));
            // the loader writes LD_DEBUG_OUTPUT.<pid> as whoever it runs for: as root before, when env: reached setpriv
            assertThatThrownBy(() -> primary.exec(List.of("true"), Map.of("LD_DEBUG", "files", "LD_DEBUG_OUTPUT",
                    debug.resolve("out").toString()), Duration.ofSeconds(10)))
                    .isInstanceOf(EnvironmentException.class).hasMessageContaining("LD_DEBUG");
            assertThatThrownBy(() -> primary.exec(List.of("true"), Map.of("GCONV_PATH", "/tmp"), Duration.ofSeconds(10)))
                    .isInstanceOf(EnvironmentException.class).hasMessageContaining("GCONV_PATH");
            try (Stream<Path> written = Files.list(debug)) {
                assertThat(written.toList()).as("loader output written for a drill's LD_ variables").isEmpty();
            }
            // an ordinary variable still arrives, whatever it holds, as data
            String value = "a b\n$(touch /tmp/pgdrill-pwned) `id` ' \" ;";
            ExecResult r = primary.exec(List.of("sh", "-c", "printf '%s|' \"$DRILL_VALUE\"; id -u"),
                    Map.of("DRILL_VALUE", value), Duration.ofSeconds(10));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).startsWith(value + "|").doesNotEndWith("|0\n");
            assertThat(Path.of("/tmp/pgdrill-pwned")).doesNotExist();
        }
    }

    /** Items 3 and 4: files of the run are written and read as the server user, so a planted link leads nowhere. */
    @Test
    void linksPlantedInTheWorkDirectoryNeverLeadRootElsewhere() throws Exception {
        ServerUser user = ServerUser.forCurrentProcess(null);
        try (Environment env = Environments.factory("local", EnvironmentOptions.defaults()).create("root-links-it")) {
            env.setUp(Duration.ofSeconds(60));
            Path work = Path.of(env.location());
            Node primary = env.node("primary").orElseThrow();
            // the drill, as the server user, plants links where the runner writes and reads
            ExecResult planted = primary.exec(List.of("sh", "-c", "ln -sf \"$1\" \"$2/planted.sql\" && mkdir \"$2/swap\" "
                    + "&& ln -sf \"$3\" \"$2/swap/node\" && ln -sf \"$1\" \"$2/logs/primary.log.1\"", "sh",
                    secret.toString(), work.toString(), rootsOwn.toString()), Map.of(), Duration.ofSeconds(10));
            assertThat(planted.exitCode()).as(planted.stderr()).isZero();

            user.write(work.resolve("planted.sql"), "SELECT 1;\n".getBytes(StandardCharsets.UTF_8));
            assertThat(Files.readString(secret)).as("root's file, after a write at the link's name").isEqualTo(SECRET + "\n");
            assertThat(work.resolve("planted.sql")).isRegularFile().hasContent("SELECT 1;");

            // a data directory swapped for a link to root's directory: the edit happens as the server user, or fails
            assertThatThrownBy(() -> ConfFiles.editAutoConf(user, work.resolve("swap/node"), Map.of("port", "1"), List.of()))
                    .isInstanceOf(EnvironmentException.class);
            try (Stream<Path> inRootsDir = Files.list(rootsOwn)) {
                assertThat(inRootsDir.map(p -> p.getFileName().toString()).toList()).containsExactly("secret");
            }

            // a server log replaced by a link to root's file shows nothing of it, read as the server user or
            // in the JVM from the anchored work directory (which refuses a link at every step of the path)
            ServerUser anchored = ServerUser.forCurrentProcess(null).forRun();
            anchored.anchor(AnchoredFiles.open(work).orElseThrow());
            try {
                for (ServerUser reader : List.of(user, anchored)) {
                    ServerLog log = new ServerLog(work.resolve("logs/primary.log.1"), reader);
                    assertThat(log.position()).isZero();
                    assertThat(String.join("\n", log.tail(10))).doesNotContain(SECRET);
                    assertThat(String.join("\n", log.since(0))).doesNotContain(SECRET);
                    assertThatThrownBy(() -> reader.read(work.resolve("logs/primary.log.1")))
                            .isInstanceOf(EnvironmentException.class).hasMessageNotContaining(SECRET);
                    assertThat(reader.readIfPresent(work.resolve("swap/node/secret"))).as("through a swapped directory")
                            .isEmpty();
                    assertThat(reader.size(work.resolve("swap/node/secret"))).isZero();
                }
                // the anchored writer replaces a planted link by a file of the server user's, and leaves root's alone
                ExecResult again = primary.exec(List.of("ln", "-sf", secret.toString(), work.resolve("planted.sql").toString()),
                        Map.of(), Duration.ofSeconds(10));
                assertThat(again.exitCode()).as(again.stderr()).isZero();
                anchored.write(work.resolve("planted.sql"), "SELECT 2;\n".getBytes(StandardCharsets.UTF_8));
                assertThat(Files.readString(secret)).isEqualTo(SECRET + "\n");
                assertThat(work.resolve("planted.sql")).isRegularFile().hasContent("SELECT 2;");
                assertThat(Files.getOwner(work.resolve("planted.sql"), java.nio.file.LinkOption.NOFOLLOW_LINKS).getName())
                        .isEqualTo("postgres");
                assertThatThrownBy(() -> ConfFiles.editAutoConf(anchored, work.resolve("swap/node"), Map.of("port", "1"),
                        List.of())).isInstanceOf(EnvironmentException.class);
                try (Stream<Path> inRootsDir = Files.list(rootsOwn)) {
                    assertThat(inRootsDir.map(p -> p.getFileName().toString()).toList()).containsExactly("secret");
                }
                // and the anchored reader still reads the run's real files
                assertThat(anchored.read(work.resolve("primary/PG_VERSION"))).isEqualTo(user.read(work.resolve(
                        "primary/PG_VERSION"))).startsWith("15");
                assertThat(anchored.size(work.resolve("logs/primary.log"))).isPositive();
            } finally {
                anchored.closeAnchor();
            }
        }
    }

    /** Item 5: a process the drill detached from the run (new session, new command line) dies with the run. */
    @Test
    void aProcessThatLeftTheRunsProcessTreeDiesWithTheRun() throws Exception {
        Assumptions.assumeTrue(!RunCgroup.mounts().isEmpty(), "no cgroup2 hierarchy mounted here: the run's processes "
                + "are found by their command line only");
        String marker = "31" + (System.nanoTime() % 100000);
        try (Environment env = Environments.factory("local", EnvironmentOptions.defaults()).create("root-strays-it")) {
            env.setUp(Duration.ofSeconds(60));
            Node primary = env.node("primary").orElseThrow();
            ExecResult r = primary.exec(List.of("sh", "-c", "cd / && setsid sh -c 'exec sleep \"$1\"' sh \"$1\" "
                    + "</dev/null >/dev/null 2>&1 &", "sh", marker), Map.of(), Duration.ofSeconds(10));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            Thread.sleep(200);
            assertThat(sleepers(marker)).as("the detached sleep runs during the drill").isNotEmpty();
        }
        assertThat(sleepers(marker)).as("processes left after the run").isEmpty();
    }

    private static List<Long> sleepers(String marker) {
        return ProcTable.withCommandLineContaining("sleep " + marker);
    }
}
