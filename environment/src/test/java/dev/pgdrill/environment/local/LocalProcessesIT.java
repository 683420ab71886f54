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
import static dev.pgdrill.environment.NodeSql.queryString;
import static dev.pgdrill.environment.local.Sql.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One local environment shared by the tests of the primary/replica topology and node faults. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalEnvironmentIT {
    private static Environment env;
    private static Node primary;
    private static Node replica;

    @BeforeAll
    static void setUp() {
        Sql.assumePostgresInstalled();
        env = Environments.factory("local", EnvironmentOptions.defaults()).create("local-it");
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
    @Order(1)
    void primaryHoldsTheSeedAndTheReplicaReceivesANewRow() throws Exception {
        assertThat(queryLong(primary, "SELECT count(*) FROM customers")).isEqualTo(2);
        assertThat(queryLong(primary, "SELECT count(*) FROM products")).isEqualTo(4);
        assertThat(queryLong(primary, "SELECT count(*) FROM orderItems")).isEqualTo(4);
        assertThat(env.nodeNames()).containsExactly("primary", "replica");
        assertThat(queryString(replica, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");

        exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('Dana', 'Lee', 'dana@x.org')");
        await(Duration.ofSeconds(10), "Dana on the replica",
                () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Lee'") == 1);
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
    @Order(2)
    void partitionStopsReplicationAndHealCatchesUp() throws Exception {
        env.partition("replica");
        await(Duration.ofSeconds(10), "the walsender for the replica to go away",
                () -> queryLong(primary, "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'replica'") == 0);
        String replayedBefore = queryString(replica, "SELECT pg_last_wal_replay_lsn()::text");
        for (int i = 0; i < 5; i++) {
            exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('P', 'Cut" + i + "', 'cut" + i + "@x.org')");
        }
        String primaryLsn = queryString(primary, "SELECT pg_current_wal_lsn()::text");
        long deadline = System.nanoTime() + 700_000_000L;
        while (System.nanoTime() < deadline) { // the replica must not move while the link is cut
            assertThat(queryString(replica, "SELECT pg_last_wal_replay_lsn()::text")).isEqualTo(replayedBefore);
            Thread.sleep(100);
        }
        assertThat(queryLong(replica, "SELECT pg_wal_lsn_diff('" + primaryLsn + "', pg_last_wal_replay_lsn())")).isPositive();

        env.heal("replica");
        await(Duration.ofSeconds(15), "the replica to replay up to " + primaryLsn,
                () -> queryLong(replica, "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '" + primaryLsn + "')") >= 0);
        assertThat(queryLong(replica, "SELECT count(*) FROM customers WHERE lastName LIKE 'Cut%'")).isEqualTo(5);
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

    @Test
    @Order(7)
    void wipeThenRebuildReplicaGivesAStreamingReplicaAgain() throws Exception {
        replica.wipe();
        assertThat(replica.isRunning()).isFalse();
        assertThat(((LocalNode) replica).dataDir()).doesNotExist();
        assertThatThrownBy(replica::start).hasMessageContaining("no data directory");

        Node rebuilt = env.rebuildReplica("replica", "primary");
        assertThat(rebuilt).isSameAs(replica);
        exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('R', 'Rebuilt', 'r@x.org')");
        await(Duration.ofSeconds(20), "the rebuilt replica to receive a new row",
                () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Rebuilt'") == 1);
        assertThat(queryString(replica, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
    }
}
