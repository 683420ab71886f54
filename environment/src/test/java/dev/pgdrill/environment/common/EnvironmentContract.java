package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;
import dev.pgdrill.engine.env.RestoreRequest;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.environment.NodeSql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static dev.pgdrill.environment.NodeSql.exec;
import static dev.pgdrill.environment.NodeSql.queryLong;
import static dev.pgdrill.environment.NodeSql.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of the {@code Environment} port, run against every backend (one subclass each): one
 * environment shared by ordered tests, the last of which closes it. A new backend passes this suite
 * before a drill runs on it; backend-only behaviour is tested in small classes of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class EnvironmentContract {
    protected Environment env;
    protected Node primary;
    protected Node replica;

    /** A new, not yet set up environment of the backend under test (skips the class when the backend is missing). */
    protected abstract Environment create(String runName);

    /** How long set-up may take on this backend. */
    protected abstract Duration setUpTimeout();

    /** What is left of {@code closed}'s servers, containers, volumes and files (empty once closed). */
    protected abstract List<String> leftovers(Environment closed);

    /** Removes whatever a failed test left behind (after close). */
    protected void sweep(Environment closed) {
    }

    private static void await(Duration timeout, String what, NodeSql.Check check) throws InterruptedException {
        NodeSql.await(timeout, Duration.ofMillis(100), what, check);
    }

    @BeforeAll
    void setUp() {
        env = create("contract-it");
        long started = System.nanoTime();
        env.setUp(setUpTimeout());
        System.out.printf("%s environment set up in %d ms at %s%n", env.kind(), (System.nanoTime() - started) / 1_000_000,
                env.location());
        primary = env.node("primary").orElseThrow();
        replica = env.node("replica").orElseThrow();
    }

    @AfterAll
    void tearDown() {
        if (env != null) {
            try {
                env.close();
            } finally {
                sweep(env);
            }
        }
    }

    @Test
    @Order(1)
    public void replicaStreamsTheSeedDataAndANewRow() throws Exception {
        assertThat(env.nodeNames()).containsExactly("primary", "replica");
        assertThat(queryLong(primary, "SELECT count(*) FROM customers")).isEqualTo(2);
        assertThat(queryLong(replica, "SELECT count(*) FROM products")).isEqualTo(4);
        assertThat(queryLong(primary, "SELECT count(*) FROM orderItems")).isEqualTo(4);
        assertThat(queryString(replica, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
        assertThat(queryString(primary, "SHOW password_encryption")).isEqualTo("scram-sha-256");
        assertThat(primary.connectionInfo().host()).isEqualTo("127.0.0.1");
        assertThat(env.secrets()).contains(primary.connectionInfo().password());

        exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('Dana', 'Lee', 'dana@x.org')");
        await(Duration.ofSeconds(15), "Dana on the replica",
                () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Lee'") == 1);
    }

    @Test
    @Order(2)
    public void partitionStopsReplicationAndHealCatchesUp() throws Exception {
        env.partition("replica");
        await(Duration.ofSeconds(15), "the walsender for the replica to go away",
                () -> queryLong(primary, "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'replica'") == 0);
        exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('Cut', 'Off', 'cut@x.org')");
        String primaryLsn = queryString(primary, "SELECT pg_current_wal_flush_lsn()::text");
        Thread.sleep(700); // the replica must not get the row while the link is cut
        assertThat(queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Off'")).isZero();
        assertThat(queryString(replica, "SELECT pg_last_wal_replay_lsn() < '" + primaryLsn + "'::pg_lsn")).isEqualTo("t");

        env.heal("replica");
        await(Duration.ofSeconds(60), "the row written during the partition on the replica",
                () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Off'") == 1);
        await(Duration.ofSeconds(15), "streaming again", () -> Replication.streaming(primary, "replica"));
    }

    @Test
    @Order(3)
    public void pauseFreezesTheReplicaAndResumeLetsItCatchUp() throws Exception {
        replica.pause();
        try {
            assertThat(replica.isPaused()).isTrue();
            assertThat(replica.isRunning()).isTrue();
            exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('Fro', 'Zen', 'frozen@x.org')");
        } finally {
            replica.resume();
        }
        assertThat(replica.isPaused()).isFalse();
        await(Duration.ofSeconds(60), "the row written during the pause on the replica",
                () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Zen'") == 1);
    }

    @Test
    @Order(4)
    public void rebuildReplicaRefusesItselfAStoppedUpstreamAndAPausedOne() throws Exception {
        assertThatThrownBy(() -> env.rebuildReplica("replica", "replica")).hasMessageContaining("cannot replicate from itself");
        assertThatThrownBy(() -> env.rebuildReplica("replica", "nowhere")).hasMessageContaining("no node named 'nowhere'");
        primary.pause();
        try {
            assertThatThrownBy(() -> env.rebuildReplica("replica", "primary"))
                    .hasMessage("rebuild-replica 'replica': upstream node 'primary' is paused (resume it first)");
        } finally {
            primary.resume();
        }
        assertThat(replica.isRunning()).as("the refused rebuild left the replica alone").isTrue();
        assertThat(queryString(replica, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
    }

    @Test
    @Order(5)
    public void stopAndStartKeepTheDataAndLogsShowTheShutdown() throws Exception {
        long position = replica.logPosition();
        replica.stop(StopMode.FAST);
        assertThat(replica.isRunning()).isFalse();
        assertThatThrownBy(() -> queryLong(replica, "SELECT 1")).isInstanceOf(SQLException.class);
        await(Duration.ofSeconds(10), "the shutdown in the replica's log",
                () -> replica.logSince(position).stream().anyMatch(l -> l.contains("received fast shutdown request")));
        replica.start();
        await(Duration.ofSeconds(30), "the restarted replica to serve the rows",
                () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Zen'") == 1);
    }

    @Test
    @Order(6)
    public void pointInTimeRestoreBringsBackTheDeletedJohnson() throws Exception {
        BackupInfo backup = env.backup("primary", "base");
        assertThat(backup.naive()).isFalse();
        assertThat(backup.startLsn()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(env.backups()).extracting(BackupInfo::name).containsExactly("base");
        String target = queryString(primary, "SELECT to_char(clock_timestamp(), 'YYYY-MM-DD HH24:MI:SS.US TZH:TZM')");
        exec(primary, "DELETE FROM orderItems WHERE orderId IN (SELECT orderId FROM orders WHERE customerId = 2)");
        exec(primary, "DELETE FROM orders WHERE customerId = 2");
        exec(primary, "DELETE FROM customers WHERE lastName = 'Johnson'");
        String segment = queryString(primary, "SELECT pg_walfile_name(pg_switch_wal())");
        await(Duration.ofSeconds(30), "segment " + segment + " in the archive", () -> env.archivedWalFiles().contains(segment));

        Node restored = env.restore(new RestoreRequest("primary", "base",
                new RecoveryTarget(RecoveryTarget.Kind.TIME, target, false), RestoreAction.PROMOTE));
        assertThat(restored).isSameAs(primary);
        await(Duration.ofSeconds(60), "the restored primary to finish recovery",
                () -> "false".equals(queryString(primary, "SELECT pg_is_in_recovery()::text")));
        assertThat(queryLong(primary, "SELECT count(*) FROM customers WHERE lastName = 'Johnson'")).isEqualTo(1);
        assertThat(queryLong(primary, "SELECT count(*) FROM customers WHERE lastName = 'Zen'")).isEqualTo(1);
        assertThat(primary.logTail(200)).anyMatch(l -> l.contains("recovery stopping before commit"));
        assertThatThrownBy(() -> env.restore(new RestoreRequest("other", "nope", RecoveryTarget.latest(), RestoreAction.PROMOTE)))
                .hasMessageContaining("no backup named 'nope'");
    }

    @Test
    @Order(7)
    public void naiveCopyAcrossACheckpointDoesNotStart() throws Exception {
        BackupInfo copy = env.naiveCopy("primary", "late", () -> {
            try {
                exec(primary, "CHECKPOINT");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(copy.naive()).isTrue();
        Node late = env.restore(new RestoreRequest("late", "late", RecoveryTarget.latest(), RestoreAction.PROMOTE));
        assertThat(env.nodeNames()).contains("late");
        await(Duration.ofSeconds(30), "the server of the copy to give up", () -> !late.isRunning());
        assertThat(late.logTail(50)).anyMatch(l -> l.contains("PANIC") && l.contains("could not locate a valid checkpoint record"));
        assertThat(queryString(primary, "SELECT pg_is_in_recovery()::text")).as("the source keeps serving").isEqualTo("false");
    }

    @Test
    @Order(8)
    public void wipeThenRebuildReplicaGivesAStreamingReplicaAgain() throws Exception {
        replica.wipe();
        assertThat(replica.isRunning()).isFalse();
        assertThatThrownBy(replica::start).hasMessageContaining("wiped");

        Node rebuilt = env.rebuildReplica("replica", "primary");
        assertThat(rebuilt).isSameAs(replica);
        exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('R', 'Rebuilt', 'r@x.org')");
        await(Duration.ofSeconds(30), "the rebuilt replica to receive a new row",
                () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Rebuilt'") == 1);
        assertThat(queryString(replica, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
    }

    @Test
    @Order(9)
    public void closeRemovesEveryServerAndFileOfTheRun() {
        assertThat(leftovers(env)).isNotEmpty();
        env.close();
        assertThat(leftovers(env)).isEmpty();
    }
}
