package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.common.Directories;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.pgdrill.environment.NodeSql.exec;
import static dev.pgdrill.environment.NodeSql.queryLong;
import static dev.pgdrill.environment.local.Sql.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two runs at once never collide, and closing a run leaves nothing of it behind. */
class ParallelEnvironmentsIT {

    @Test
    void twoEnvironmentsSetUpInParallelBothReplicateAndCloseWithoutTrace() throws Exception {
        Sql.assumePostgresInstalled();
        EnvironmentFactory factory = Environments.factory("local", EnvironmentOptions.defaults());
        Environment a = factory.create("parallel-a");
        Environment b = factory.create("parallel-b");
        List<Path> dirs = List.of(Path.of(a.location()), Path.of(b.location()));
        try {
            CompletableFuture<Void> upA = CompletableFuture.runAsync(() -> a.setUp(Duration.ofSeconds(90)));
            CompletableFuture<Void> upB = CompletableFuture.runAsync(() -> b.setUp(Duration.ofSeconds(90)));
            upA.get();
            upB.get();

            List<Integer> ports = new ArrayList<>();
            for (Environment env : List.of(a, b)) {
                Node primary = env.node("primary").orElseThrow();
                Node replica = env.node("replica").orElseThrow();
                ports.add(primary.connectionInfo().port());
                ports.add(replica.connectionInfo().port());
                exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('Par', 'Allel', 'p@x.org')");
                await(Duration.ofSeconds(15), "the new row on the replica of " + env.location(),
                        () -> queryLong(replica, "SELECT count(*) FROM customers") == 3);
            }
            assertThat(ports).doesNotHaveDuplicates();
            assertThat(dirs).allSatisfy(dir -> assertThat(dir).isDirectory());

            a.node("replica").orElseThrow().pause(); // close must thaw what is frozen
            b.partition("replica");
        } finally {
            a.close();
            b.close();
            a.close(); // idempotent
        }
        for (Path dir : dirs) {
            assertThat(dir).doesNotExist();
            assertThat(ProcTable.withCommandLineContaining(dir.toString()))
                    .as("processes of the run in " + dir).isEmpty();
        }
    }

    @Test
    void keptEnvironmentLeavesItsFilesButNoProcess() {
        Sql.assumePostgresInstalled();
        Environment env = Environments.factory("local", EnvironmentOptions.defaults()).create("kept");
        Path dir = Path.of(env.location());
        try {
            env.setUp(Duration.ofSeconds(90));
            env.keep(true);
        } finally {
            env.close();
        }
        try {
            assertThat(dir.resolve("primary").resolve("PG_VERSION")).exists();
            assertThat(dir.resolve("logs").resolve("replica.log")).exists();
            assertThat(ProcTable.withCommandLineContaining(dir.toString())).isEmpty();
        } finally {
            Directories.deleteRecursively(dir);
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void workRootTheServerUserCannotReachIsReportedBeforeAnythingStarts() throws Exception {
        Sql.assumePostgresInstalled();
        Assumptions.assumeTrue(ServerUser.isRoot(), "only root switches to a server user: check skipped");
        Path privateRoot = Files.createTempDirectory(Path.of(System.getProperty("user.home")), "pgdrill-private");
        Files.setPosixFilePermissions(privateRoot, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Environment env = Environments.factory("local", new EnvironmentOptions(privateRoot, "postgres", null, null))
                .create("private");
        try {
            assertThatThrownBy(() -> env.setUp(Duration.ofSeconds(30)))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("cannot reach the work directory")
                    .hasMessageContaining("/tmp");
        } finally {
            env.close();
            Directories.deleteRecursively(privateRoot);
        }
        assertThat(env.nodeNames()).isEmpty();
    }
}
