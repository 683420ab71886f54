package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.env.Topology.ArchiveMode;
import dev.pgdrill.engine.env.Topology.NodeDecl;
import dev.pgdrill.environment.NodeSql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declared node options on real servers: settings per node (not inherited by the standbys), a standby
 * that streams only ({@code archive: false}), one that archives what it receives ({@code archive-mode:
 * always}), quorum-synchronous standbys named by their node names, and a standby re-pointed at a promoted
 * sibling ({@code follow}) that crosses the timeline switch.
 */
class NodeOptionsIT {
    private static final Duration SET_UP = Duration.ofSeconds(120);
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @BeforeAll
    static void postgres() {
        Sql.assumePostgresInstalled();
    }

    @Test
    void eachNodeGetsItsOwnSettingsAndArchiveOptionsAndAQuorumCommitWaitsForOneNamedStandby() throws Exception {
        Topology nodes = new Topology(List.of(
                NodeDecl.primary("primary").withOptions(true, ArchiveMode.ON,
                        Map.of("synchronous_standby_names", "ANY 1 (s1, s2)", "work_mem", "7MB")),
                NodeDecl.standby("s1", "primary").withOptions(true, ArchiveMode.ON, Map.of("work_mem", "9MB")),
                NodeDecl.standby("s2", "primary").withOptions(false, ArchiveMode.ON, Map.of()),
                NodeDecl.standby("s3", "primary").withOptions(true, ArchiveMode.ALWAYS, Map.of("max_connections", "60"))));
        EnvironmentFactory factory = Sql.factoryCachingIn(dir.resolve("cache"));
        try (Environment env = factory.create("node-options", EnvironmentSpec.defaults().withTopology(nodes))) {
            env.setUp(SET_UP);
            Node primary = env.node("primary").orElseThrow();
            Node s1 = env.node("s1").orElseThrow();
            Node s2 = env.node("s2").orElseThrow();
            Node s3 = env.node("s3").orElseThrow();

            assertThat(NodeSql.queryString(primary, "SHOW work_mem")).isEqualTo("7MB");
            assertThat(NodeSql.queryString(s1, "SHOW work_mem")).isEqualTo("9MB");
            assertThat(NodeSql.queryString(s2, "SHOW work_mem")).as("not inherited from the primary").isEqualTo("4MB");
            assertThat(NodeSql.queryString(s1, "SHOW synchronous_standby_names")).isEmpty();
            assertThat(NodeSql.queryString(s3, "SHOW max_connections")).as("a setting that needs a restart")
                    .isEqualTo("60");
            assertThat(NodeSql.queryString(s1, "SHOW restore_command")).as("s1 falls back to the archive").isNotEmpty();
            assertThat(NodeSql.queryString(s2, "SHOW restore_command")).as("s2 streams only").isEmpty();
            assertThat(NodeSql.queryString(s3, "SHOW archive_mode")).isEqualTo("always");
            assertThat(NodeSql.queryString(primary, "SELECT string_agg(application_name || ':' || sync_state, ',' "
                    + "ORDER BY application_name) FROM pg_stat_replication"))
                    .isEqualTo("s1:quorum,s2:quorum,s3:async");

            // archive-mode always: s3 archives the segments it receives into the run's archive, without a failure
            long s1Archived = NodeSql.queryLong(s1, "SELECT archived_count FROM pg_stat_archiver");
            NodeSql.exec(primary, "CREATE TABLE t (id int); INSERT INTO t VALUES (1)");
            String segment = NodeSql.queryString(primary, "SELECT pg_walfile_name(pg_current_wal_lsn())");
            NodeSql.exec(primary, "SELECT pg_switch_wal()");
            Sql.await(WITHIN, "s3 to archive " + segment, () -> segment.equals(NodeSql.queryString(s3,
                    "SELECT last_archived_wal FROM pg_stat_archiver")));
            assertThat(NodeSql.queryLong(s3, "SELECT failed_count FROM pg_stat_archiver"))
                    .as(() -> "archive failures on s3: " + lastFailure(s3) + "\n" + String.join("\n", s3.logTail(40)))
                    .isZero();
            assertThat(NodeSql.queryLong(s1, "SELECT archived_count FROM pg_stat_archiver")).as("archive-mode on")
                    .isEqualTo(s1Archived);
            assertThat(env.archivedWalFiles()).contains(segment);

            // ANY 1 (s1, s2): one of them down, commits go on; both down, a commit waits; one back, it completes
            s1.stop(StopMode.FAST);
            NodeSql.exec(primary, "INSERT INTO t VALUES (2)");
            s2.stop(StopMode.FAST);
            CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
                try {
                    NodeSql.exec(primary, "INSERT INTO t VALUES (3)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Sql.await(WITHIN, "the commit to wait for a synchronous standby", () -> NodeSql.queryLong(primary,
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep'") == 1);
            assertThat(commit).isNotDone();
            s2.start();
            Sql.await(WITHIN, "the commit to complete once s2 is back", commit::isDone);
            assertThat(commit).isCompleted();
            Sql.await(WITHIN, "row 3 on s2", () -> NodeSql.queryLong(s2, "SELECT count(*) FROM t WHERE id = 3") == 1);
        }
    }

    private static String lastFailure(Node node) {
        try {
            return NodeSql.queryString(node, "SELECT last_failed_wal FROM pg_stat_archiver");
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    @Test
    void aStandbyFollowsAPromotedSiblingAcrossTheTimelineSwitchKeepingItsData() throws Exception {
        Topology nodes = new Topology(List.of(NodeDecl.primary("primary"), NodeDecl.standby("s1", "primary"),
                NodeDecl.standby("s2", "primary").withOptions(false, ArchiveMode.ON, Map.of())));
        EnvironmentFactory factory = Sql.factoryCachingIn(dir.resolve("cache"));
        try (Environment env = factory.create("follow", EnvironmentSpec.defaults().withTopology(nodes))) {
            env.setUp(SET_UP);
            Node primary = env.node("primary").orElseThrow();
            Node s1 = env.node("s1").orElseThrow();
            Node s2 = env.node("s2").orElseThrow();
            NodeSql.exec(primary, "CREATE TABLE f (id int); INSERT INTO f VALUES (1)");
            String end = NodeSql.queryString(primary, "SELECT pg_current_wal_lsn()::text");
            for (Node n : List.of(s1, s2)) {
                Sql.await(WITHIN, n.name() + " to replay " + end, () -> NodeSql.queryLong(n,
                        "SELECT (pg_last_wal_replay_lsn() >= '" + end + "'::pg_lsn)::int") == 1);
            }
            long oldTimeline = NodeSql.queryLong(s2, "SELECT received_tli FROM pg_stat_wal_receiver");
            String s2Started = NodeSql.queryString(s2, "SELECT pg_postmaster_start_time()::text");
            primary.stop(StopMode.FAST);
            NodeSql.exec(s1, "SELECT pg_promote(true, 30)");

            env.follow("s2", "s1");
            Sql.await(WITHIN, "s2 to stream from s1", () -> NodeSql.queryLong(s1,
                    "SELECT count(*) FROM pg_stat_replication WHERE application_name = 's2' AND state = 'streaming'") == 1);
            NodeSql.exec(s1, "INSERT INTO f VALUES (2)");
            Sql.await(WITHIN, "s1's row on s2", () -> NodeSql.queryLong(s2, "SELECT count(*) FROM f") == 2);
            assertThat(NodeSql.queryLong(s2, "SELECT received_tli FROM pg_stat_wal_receiver")).as("the new timeline")
                    .isEqualTo(oldTimeline + 1);
            assertThat(NodeSql.queryString(s2, "SELECT pg_postmaster_start_time()::text"))
                    .as("the same server on the same data: reloaded, not restarted or rebuilt").isEqualTo(s2Started);
            assertThat(NodeSql.queryLong(s1, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 's2_slot' "
                    + "AND active")).isEqualTo(1);
        }
    }
}
