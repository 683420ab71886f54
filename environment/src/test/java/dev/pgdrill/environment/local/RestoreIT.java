package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;
import dev.pgdrill.engine.env.RestoreRequest;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.common.BaseBackupTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static dev.pgdrill.environment.NodeSql.exec;
import static dev.pgdrill.environment.NodeSql.queryLong;
import static dev.pgdrill.environment.NodeSql.queryString;
import static dev.pgdrill.environment.local.Sql.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Base backups, the WAL archive and point-in-time restores to every target kind, on one shared local
 * environment, with the default backup tool (pg_basebackup and a copied archive); {@link PgBackRestRestoreIT}
 * runs the same tests with pgBackRest.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreIT {
    private Environment env;
    private Node primary;

    /** The backup tool under test. */
    protected BackupTool tool() {
        return BackupTool.of(BaseBackupTool.KEY).orElseThrow();
    }

    @BeforeAll
    void setUp() {
        Sql.assumePostgresInstalled();
        env = Environments.factory("local", EnvironmentOptions.defaults()).create("restore-it",
                EnvironmentSpec.defaults().withBackupTool(tool()));
        env.setUp(Duration.ofSeconds(90));
        primary = env.node("primary").orElseThrow();
    }

    @AfterAll
    void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    /** Switches WAL on the primary and waits until the archiver has copied the finished segment. */
    private void switchAndAwaitArchived() throws Exception {
        String segment = queryString(primary, "SELECT pg_walfile_name(pg_switch_wal())");
        await(Duration.ofSeconds(15), "segment " + segment + " in the archive",
                () -> env.archivedWalFiles().contains(segment));
    }

    @Test
    @Order(1)
    void restoresADeletedRowToAPointInTime() throws Exception {
        exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('Carol', 'Johnson', 'carol@x.org')");
        BackupInfo backup = env.backup("primary", "base");
        assertThat(backup.naive()).isFalse();
        assertThat(backup.startLsn()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(backup.endLsn()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(backup.timeline()).isEqualTo(1);

        String before = queryString(primary, "SELECT clock_timestamp()::text");
        exec(primary, "DELETE FROM customers WHERE email = 'carol@x.org'");
        assertThat(queryLong(primary, "SELECT count(*) FROM customers WHERE email = 'carol@x.org'")).isZero();
        switchAndAwaitArchived();

        long logStart = primary.logPosition();
        Node restored = env.restore(new RestoreRequest("primary", null,
                new RecoveryTarget(RecoveryTarget.Kind.TIME, before, false), RestoreAction.PROMOTE));
        assertThat(restored).isSameAs(primary);
        await(Duration.ofSeconds(30), "the restored primary to leave recovery",
                () -> queryString(primary, "SELECT pg_is_in_recovery()::text").equals("false"));
        assertThat(queryLong(primary, "SELECT count(*) FROM customers WHERE email = 'carol@x.org'")).isEqualTo(1);
        assertThat(primary.logSince(logStart)).anyMatch(l -> l.contains("recovery stopping before commit"));
    }

    @Test
    @Order(2)
    void aTargetBeyondTheArchiveFailsWithPostgresOwnMessage() throws Exception {
        long logStart = primary.logPosition();
        String future = OffsetDateTime.now().plusHours(1).toString();
        env.restore(new RestoreRequest("primary", "base", new RecoveryTarget(RecoveryTarget.Kind.TIME, future, true), RestoreAction.PROMOTE));
        await(Duration.ofSeconds(30), "the restore to give up", () -> !primary.isRunning());
        assertThat(primary.logSince(logStart))
                .anyMatch(l -> l.contains("FATAL:  recovery ended before configured recovery target was reached"));
    }

    @Test
    @Order(3)
    void restoresIntoANewNodeOnItsOwnPort() throws Exception {
        Node copy = env.restore(new RestoreRequest("restored", "base", RecoveryTarget.latest(), RestoreAction.PROMOTE));
        assertThat(env.nodeNames()).containsExactly("primary", "replica", "restored");
        assertThat(copy.connectionInfo().port()).isNotEqualTo(primary.connectionInfo().port());
        await(Duration.ofSeconds(30), "the new node to be writable",
                () -> queryString(copy, "SELECT pg_is_in_recovery()::text").equals("false"));
        assertThat(queryLong(copy, "SELECT count(*) FROM products")).isEqualTo(4);
    }

    @Test
    @Order(4)
    void naiveCopiesAreListedAndNeverChosenAsLatest() throws Exception {
        Node replica = env.node("replica").orElseThrow();
        BackupInfo naive = env.naiveCopy("restored", "raw");
        assertThat(naive.naive()).isTrue();
        assertThat(env.backups()).extracting(BackupInfo::name).containsExactly("base", "raw");
        assertThatThrownBy(() -> env.backup("primary", "raw")).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> env.restore(new RestoreRequest("replica", "nope", RecoveryTarget.latest(), RestoreAction.PROMOTE)))
                .hasMessageContaining("no backup named 'nope'").hasMessageContaining("base, raw");

        Node fromCopy = env.restore(new RestoreRequest("fromraw", "raw", null, RestoreAction.PROMOTE));
        await(Duration.ofSeconds(30), "the naive copy to start after crash recovery",
                () -> queryLong(fromCopy, "SELECT count(*) FROM products") == 4);
        assertThat(replica.isRunning()).isTrue();
    }

    @Test
    @Order(4)
    void incrementalBackupsOnPostgres15FollowEachToolsVersionRule() throws Exception {
        List<String> before = env.backups().stream().map(BackupInfo::name).toList();
        String running = env.nodeNames().stream().filter(n -> env.node(n).orElseThrow().isRunning()).findFirst()
                .orElseThrow();
        if (tool() == BackupTool.of(BaseBackupTool.KEY).orElseThrow()) {
            // pg_basebackup --incremental exists from 17 on: refused at run time, nothing registered
            assertThatThrownBy(() -> env.backup(running, "incr15", BackupType.INCR))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("incremental backup 'incr15' of node '" + running + "': backup type 'incr' "
                            + "with backup tool 'pg_basebackup' needs PostgreSQL 17 or later (this drill runs on "
                            + "PostgreSQL 15)");
            assertThat(env.backups()).extracting(BackupInfo::name).containsExactlyElementsOf(before);
            return;
        }
        // pgBackRest takes incremental backups on any version, on the latest earlier backup of its repository
        // (from a primary: the earlier tests leave only a standby running)
        Node primary = env.restore(new RestoreRequest("primary", "base", RecoveryTarget.latest(), RestoreAction.PROMOTE));
        await(Duration.ofSeconds(30), "the primary to be writable again",
                () -> queryString(primary, "SELECT pg_is_in_recovery()::text").equals("false"));
        BackupInfo incr = env.backup("primary", "incr15", BackupType.INCR);
        assertThat(incr.type()).isEqualTo(BackupType.INCR);
        assertThat(incr.parent()).isNotNull().isIn(before);
        assertThat(env.backups()).extracting(BackupInfo::name).endsWith("incr15");
    }

    @Test
    @Order(5)
    void everyTargetKindStopsAtItsMarkerRow() throws Exception {
        Node source = env.restore(new RestoreRequest("primary", "base", RecoveryTarget.latest(), RestoreAction.PROMOTE));
        await(Duration.ofSeconds(30), "the primary to be writable again",
                () -> queryString(source, "SELECT pg_is_in_recovery()::text").equals("false"));
        exec(source, "CREATE TABLE marks (n int)");
        env.backup("primary", "marks");
        exec(source, "INSERT INTO marks VALUES (1)");
        exec(source, "SELECT pg_create_restore_point('after-one')");
        String xid = queryString(source, "WITH i AS (INSERT INTO marks VALUES (2)) SELECT txid_current()::text");
        exec(source, "INSERT INTO marks VALUES (3)");
        String lsn = queryString(source, "SELECT pg_current_wal_insert_lsn()::text");
        exec(source, "INSERT INTO marks VALUES (4)");
        switchAndAwaitArchived();

        // Latest target first: each promotion archives a new timeline branching at its target, and a later
        // restore follows the latest timeline, so each target must lie before the branch points made so far.
        assertMarks("t-latest", RecoveryTarget.latest(), 4);
        assertMarks("t-lsn", new RecoveryTarget(RecoveryTarget.Kind.LSN, lsn, true), 3);
        assertMarks("t-xid", new RecoveryTarget(RecoveryTarget.Kind.XID, xid, true), 2);
        assertMarks("t-xid-excl", new RecoveryTarget(RecoveryTarget.Kind.XID, xid, false), 1);
        assertMarks("t-name", new RecoveryTarget(RecoveryTarget.Kind.NAME, "after-one", true), 1);
        Node paused = env.restore(new RestoreRequest("t-paused", "marks",
                new RecoveryTarget(RecoveryTarget.Kind.NAME, "after-one", true), RestoreAction.PAUSE));
        await(Duration.ofSeconds(60), "'t-paused' to pause at the restore point",
                () -> "paused".equals(queryString(paused, "SELECT pg_get_wal_replay_pause_state()")));
        assertThat(queryLong(paused, "SELECT count(*) FROM marks")).isEqualTo(1);
        paused.stop(StopMode.FAST);
        assertMarks("t-immediate", new RecoveryTarget(RecoveryTarget.Kind.IMMEDIATE, null, true), 0);
    }

    /** Restores backup 'marks' into new node {@code node} to {@code target}, promoted, and checks how many marker rows came back. */
    private void assertMarks(String node, RecoveryTarget target, long rows) throws Exception {
        Node restored = env.restore(new RestoreRequest(node, "marks", target, RestoreAction.PROMOTE));
        await(Duration.ofSeconds(60), "'" + node + "' restored to " + target + " to be writable",
                () -> queryString(restored, "SELECT pg_is_in_recovery()::text").equals("false"));
        assertThat(queryLong(restored, "SELECT count(*) FROM marks")).as(target.toString()).isEqualTo(rows);
        restored.stop(StopMode.FAST);
    }
}
