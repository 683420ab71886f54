package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreRequest;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.common.Replication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.time.Duration;

import static dev.pgdrill.environment.NodeSql.exec;
import static dev.pgdrill.environment.NodeSql.queryLong;
import static dev.pgdrill.environment.NodeSql.queryString;
import static dev.pgdrill.environment.compose.Docker.await;
import static org.assertj.core.api.Assertions.assertThat;

/** One Compose environment (primary + replica containers) shared by ordered tests; the last one closes it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeEnvironmentIT {
    private static ComposeEnvironment env;
    private static Node primary;
    private static Node replica;

    @BeforeAll
    static void setUp() {
        Docker.assumeEngine();
        env = (ComposeEnvironment) Environments.factory("compose", EnvironmentOptions.defaults()).create("compose-it");
        long started = System.nanoTime();
        env.setUp(Duration.ofMinutes(3));
        System.out.printf("compose environment %s set up in %d ms%n", env.project(),
                (System.nanoTime() - started) / 1_000_000);
        primary = env.node("primary").orElseThrow();
        replica = env.node("replica").orElseThrow();
    }

    @AfterAll
    static void tearDown() {
        if (env != null) {
            try {
                env.close();
            } finally {
                Docker.sweep(env.project());
            }
        }
    }

    @Test
    @Order(1)
    void replicaStreamsTheSeedDataAndANewRow() throws Exception {
        assertThat(queryLong(primary, "SELECT count(*) FROM customers")).isEqualTo(2);
        assertThat(queryLong(replica, "SELECT count(*) FROM products")).isEqualTo(4);
        assertThat(queryString(replica, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
        assertThat(queryString(primary, "SHOW password_encryption")).isEqualTo("scram-sha-256");
        assertThat(primary.connectionInfo().host()).isEqualTo("127.0.0.1");

        exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('Dana', 'Lee', 'dana@x.org')");
        await(Duration.ofSeconds(15), "Dana on the replica",
                () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Lee'") == 1);
    }

    @Test
    @Order(2)
    void partitionStopsReplicationAndHealResumesIt() throws Exception {
        env.partition("replica");
        await(Duration.ofSeconds(15), "the walsender for the replica to go away",
                () -> queryLong(primary, "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'replica'") == 0);
        exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('Cut', 'Off', 'cut@x.org')");
        String primaryLsn = queryString(primary, "SELECT pg_current_wal_flush_lsn()::text");
        // The replica stays reachable for SQL but cannot reach the primary: it does not get the row.
        await(Duration.ofSeconds(15), "the replica's walreceiver to give up the link",
                () -> queryLong(replica, "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'") == 0);
        assertThat(queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Off'")).isZero();
        assertThat(queryString(replica, "SELECT pg_last_wal_replay_lsn() < '" + primaryLsn + "'::pg_lsn")).isEqualTo("t");

        env.heal("replica");
        await(Duration.ofSeconds(30), "the row written during the partition on the replica",
                () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Off'") == 1);
        await(Duration.ofSeconds(15), "streaming again",
                () -> Replication.streaming(primary, "replica"));
    }

    @Test
    @Order(3)
    void pauseFreezesTheReplicaAndResumeLetsItCatchUp() throws Exception {
        replica.pause();
        assertThat(replica.isPaused()).isTrue();
        assertThat(replica.isRunning()).isTrue();
        exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('Fro', 'Zen', 'frozen@x.org')");
        replica.resume();
        assertThat(replica.isPaused()).isFalse();
        await(Duration.ofSeconds(30), "the row written during the pause on the replica",
                () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Zen'") == 1);
    }

    @Test
    @Order(4)
    void stopAndStartKeepTheDataAndLogsShowTheShutdown() throws Exception {
        long position = replica.logPosition();
        replica.stop(dev.pgdrill.engine.env.StopMode.FAST);
        assertThat(replica.isRunning()).isFalse();
        assertThat(replica.logSince(position)).anyMatch(l -> l.contains("received fast shutdown request"));
        replica.start();
        await(Duration.ofSeconds(30), "the restarted replica to serve the rows",
                () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Zen'") == 1);
    }

    @Test
    @Order(5)
    void pointInTimeRestoreBringsBackTheDeletedJohnson() throws Exception {
        BackupInfo backup = env.backup("primary", "base");
        assertThat(backup.startLsn()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(backup.endLsn()).matches("[0-9A-F]+/[0-9A-F]+");
        String target = queryString(primary, "SELECT to_char(clock_timestamp(), 'YYYY-MM-DD HH24:MI:SS.US TZH:TZM')");
        exec(primary, "DELETE FROM orderItems WHERE orderId IN (SELECT orderId FROM orders WHERE customerId = 2)");
        exec(primary, "DELETE FROM orders WHERE customerId = 2");
        exec(primary, "DELETE FROM customers WHERE lastName = 'Johnson'");
        String segment = queryString(primary, "SELECT pg_walfile_name(pg_switch_wal())");
        await(Duration.ofSeconds(30), "segment " + segment + " in the archive",
                () -> env.archivedWalFiles().contains(segment));
        assertThat(queryLong(primary, "SELECT count(*) FROM customers WHERE lastName = 'Johnson'")).isZero();

        env.restore(new RestoreRequest("primary", "base",
                new RecoveryTarget(RecoveryTarget.Kind.TIME, target, false), "promote"));
        await(Duration.ofSeconds(60), "the restored primary to finish recovery",
                () -> "false".equals(queryString(primary, "SELECT pg_is_in_recovery()::text")));
        assertThat(queryLong(primary, "SELECT count(*) FROM customers WHERE lastName = 'Johnson'")).isEqualTo(1);
        assertThat(queryLong(primary, "SELECT count(*) FROM customers WHERE lastName = 'Zen'")).isEqualTo(1);
        assertThat(primary.logTail(200)).anyMatch(l -> l.contains("recovery stopping before commit"));
    }

    @Test
    @Order(6)
    void naiveCopyAcrossACheckpointDoesNotStart() throws Exception {
        BackupInfo copy = env.naiveCopy("primary", "late", () -> {
            try {
                exec(primary, "CHECKPOINT");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(copy.naive()).isTrue();
        Node late = env.restore(new RestoreRequest("late", "late", RecoveryTarget.latest(), "promote"));
        await(Duration.ofSeconds(30), "the server of the copy to give up", () -> !late.isRunning());
        assertThat(late.logTail(50)).anyMatch(l -> l.contains("PANIC") && l.contains("could not locate a valid checkpoint record"));
        assertThat(queryString(primary, "SELECT pg_is_in_recovery()::text")).as("the source keeps serving").isEqualTo("false");
    }

    @Test
    @Order(7)
    void closeRemovesEveryContainerNetworkAndVolumeOfTheProject() {
        String project = env.project();
        assertThat(Docker.leftovers(project)).isNotEmpty();
        env.close();
        assertThat(Docker.leftovers(project)).isEmpty();
        assertThat(Files.exists(env.dir())).isFalse();
    }
}
