package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.pgdrill.environment.NodeSql.exec;
import static dev.pgdrill.environment.NodeSql.queryLong;
import static dev.pgdrill.environment.local.Sql.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What only the local backend does (processes, files, the TCP proxy): no secret in its files, latency on the
 * proxy, SIGSTOP of every process, SIGKILL of the tree, exec in the node's environment. The behaviour both
 * backends share is in {@link LocalEnvironmentContractIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalProcessesIT {
    private static Environment env;
    private static Node primary;
    private static Node replica;

    @BeforeAll
    static void setUp() {
        Sql.assumePostgresInstalled();
        env = Environments.factory("local", EnvironmentOptions.defaults()).create("local-processes-it");
        long started = System.nanoTime();
        env.setUp(Duration.ofSeconds(60));
        System.out.printf("local environment set up in %d ms at %s%n", (System.nanoTime() - started) / 1_000_000,
                env.location());
        primary = env.node("primary").orElseThrow();
        replica = env.node("replica").orElseThrow();
    }

    @AfterAll
    static void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    @Order(0)
    void dynamicSharedMemoryIsInTheDataDirectorySoAKilledServerLeavesNoneBehind() throws Exception {
        for (String node : List.of("primary", "replica")) {
            Path dataDir = Path.of(env.location()).resolve(node);
            String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip();
            List<String> maps = Files.readAllLines(Path.of("/proc", pid, "maps"));
            assertThat(maps).as(node + "'s postmaster maps no segment in /dev/shm")
                    .noneMatch(l -> l.contains("/dev/shm/PostgreSQL."));
            assertThat(maps).as(node + "'s postmaster maps its control segment from its data directory")
                    .anyMatch(l -> l.contains(dataDir.resolve("pg_dynshmem") + "/mmap."));
        }
    }

    @Test
    @Order(0)
    void theAdminRoleHasASecretOfFewIterationsThatTheRunsPasswordOpens() throws Exception {
        for (Node node : List.of(primary, replica)) {
            try (var c = node.connect(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = 'admin'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("the secret on " + node.name()).startsWith("SCRAM-SHA-256$16:");
            }
        }
    }

    @Test
    @Order(1)
    void thePasswordAppearsInNoLogAndNoConfigurationFile() throws Exception {
        String password = primary.connectionInfo().password();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(primary.connectionInfo().toString()).doesNotContain(password);
        Path work = Path.of(env.location());
        List<Path> files = new java.util.ArrayList<>();
        try (var logs = Files.list(work.resolve("logs"))) {
            logs.forEach(files::add);
        }
        for (String node : List.of("primary", "replica")) {
            files.add(work.resolve(node).resolve("postgresql.conf"));
            files.add(work.resolve(node).resolve("postgresql.auto.conf"));
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(6).allSatisfy(f -> assertThat(f).content().doesNotContain(password));
        assertThat(Files.getPosixFilePermissions(work.resolve("pgpass")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    @Order(3)
    void latencyDelaysWalReachingTheReplica() throws Exception {
        env.latency("replica", Duration.ofMillis(400));
        try {
            long start = System.nanoTime();
            exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('L', 'Slow', 'slow@x.org')");
            await(Duration.ofSeconds(10), "the slow row on the replica",
                    () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Slow'") == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        } finally {
            env.latency("replica", Duration.ZERO);
        }
    }

    @Test
    @Order(4)
    void pauseFreezesEveryProcessAndResumeThawsThem() throws Exception {
        LocalNode node = (LocalNode) replica;
        long postmaster = node.postmasterPid().orElseThrow();
        replica.pause();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            assertThat(replica.isPaused()).isTrue();
            assertThat(replica.isRunning()).isTrue();
            List<Long> tree = new java.util.ArrayList<>(ProcTable.descendants(postmaster));
            tree.add(postmaster);
            assertThat(tree).hasSizeGreaterThan(3).allSatisfy(pid ->
                    assertThat(ProcTable.stat(pid).orElseThrow().state()).isEqualTo('T'));

            Future<Long> query = pool.submit(() -> queryLong(replica, "SELECT count(*) FROM products"));
            assertThatThrownBy(() -> query.get(1500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

            replica.resume();
            assertThat(replica.isPaused()).isFalse();
            assertThat(query.get(10, TimeUnit.SECONDS)).isEqualTo(4);
            // a backend of the tree may have exited since: only the ones still there are checked
            assertThat(tree).allSatisfy(pid -> ProcTable.stat(pid).ifPresent(stat ->
                    assertThat(stat.state()).isNotEqualTo('T')));
        } finally {
            replica.resume();
            pool.shutdownNow();
        }
    }

    @Test
    @Order(5)
    void stopStartAndKillControlTheServer() throws Exception {
        replica.stop(StopMode.FAST);
        assertThat(replica.isRunning()).isFalse();
        assertThatThrownBy(() -> queryLong(replica, "SELECT 1")).isInstanceOf(SQLException.class);

        replica.start();
        assertThat(replica.isRunning()).isTrue();
        await(Duration.ofSeconds(20), "the replica to accept SQL after start", () -> queryLong(replica, "SELECT 1") == 1);

        LocalNode node = (LocalNode) replica;
        long postmaster = node.postmasterPid().orElseThrow();
        List<Long> tree = new java.util.ArrayList<>(ProcTable.descendants(postmaster));
        replica.kill();
        assertThat(replica.isRunning()).isFalse();
        assertThat(ProcTable.alive(postmaster)).isFalse();
        assertThat(tree).noneMatch(ProcTable::alive);

        replica.start();
        try {
            await(Duration.ofSeconds(20), "the replica to come back after a kill", () -> queryLong(replica, "SELECT 1") == 1);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + String.join("\n", replica.logTail(30)), e);
        }
        exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('K', 'AfterKill', 'k@x.org')");
        await(Duration.ofSeconds(15), "the row written after the kill on the replica",
                () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'AfterKill'") == 1);
    }

    @Test
    @Order(6)
    void execRunsInTheNodeContextAndLogsAreReadable() {
        long position = primary.logPosition();
        var result = primary.exec(List.of("psql", "-Atc", "SELECT count(*) FROM products; SELECT 1/0"), Map.of(),
                Duration.ofSeconds(20));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout().trim()).isEqualTo("4");
        assertThat(result.stderr()).contains("division by zero");
        assertThat(primary.logSince(position)).anyMatch(l -> l.contains("division by zero"));
        assertThat(primary.logTail(3)).hasSizeLessThanOrEqualTo(3).isNotEmpty();

        var env = primary.exec(List.of("sh", "-c", "echo $PGDATA $PGPORT $PGUSER $PGDATABASE $EXTRA"),
                Map.of("EXTRA", "x"), Duration.ofSeconds(5));
        assertThat(env.stdout().trim()).isEqualTo(((LocalNode) primary).dataDir() + " "
                + primary.connectionInfo().port() + " admin statelessCommerce x");

        var slow = primary.exec(List.of("sleep", "30"), Map.of(), Duration.ofMillis(300));
        assertThat(slow.exitCode()).isEqualTo(124);
    }
}
