package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.environment.NodeSql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replica of a local set-up on real servers: from the cluster template when the primary came from
 * it (a hit, and right after a miss), by pg_basebackup without the cache; either way it streams from the
 * primary through its slot, has no slot of its own, and a rebuild-replica afterwards still works.
 */
class ReplicaFromTemplateIT {
    private static final Duration SET_UP = Duration.ofSeconds(120);
    private static final Duration WITHIN = Duration.ofSeconds(30);
    /** What PostgreSQL logs when it starts from a cleanly shut-down cluster (a template copy). */
    private static final String FROM_SHUTDOWN = "database system was shut down at";
    /** What it logs when it starts from a base backup taken of a running server. */
    private static final String FROM_BACKUP = "database system was interrupted";

    @TempDir
    Path dir;

    @BeforeAll
    static void postgres() {
        Sql.assumePostgresInstalled();
    }

    @Test
    void withATemplateTheReplicaIsACopyOfItAndStreamsThroughItsSlot() throws Exception {
        EnvironmentFactory factory = Sql.factoryCachingIn(dir.resolve("cache"));
        try (Environment env = factory.create("rt-miss", EnvironmentSpec.defaults())) {
            env.setUp(SET_UP);
            assertThat(factory.facts()).containsEntry("template-cache", "miss")
                    .as("right after a miss the replica comes from the template just built")
                    .containsEntry("replica-source", "template");
            assertStreamsThroughItsSlot(env, "after_miss");
            assertThat(replicaLog(env)).anyMatch(l -> l.contains(FROM_SHUTDOWN)).noneMatch(l -> l.contains(FROM_BACKUP));
        }
        try (Environment env = factory.create("rt-hit", EnvironmentSpec.defaults())) {
            env.setUp(SET_UP);
            assertThat(factory.facts()).containsEntry("template-cache", "1 hit, 1 miss")
                    .containsEntry("replica-source", "template");
            assertThat(replicaLog(env)).as("the replica started from the template's shutdown checkpoint, "
                    + "not from a base backup").anyMatch(l -> l.contains(FROM_SHUTDOWN))
                    .noneMatch(l -> l.contains(FROM_BACKUP));
            Node primary = env.node("primary").orElseThrow();
            Node replica = env.node("replica").orElseThrow();
            assertThat(NodeSql.queryString(replica, "SELECT system_identifier::text FROM pg_control_system()"))
                    .as("the same cluster").isEqualTo(NodeSql.queryString(primary,
                            "SELECT system_identifier::text FROM pg_control_system()"));
            assertStreamsThroughItsSlot(env, "after_hit");

            long before = replica.logPosition();
            env.rebuildReplica("replica", "primary");
            Sql.await(WITHIN, "rebuild-replica to start the replica from a base backup",
                    () -> replica.logSince(before).stream().anyMatch(l -> l.contains(FROM_BACKUP)));
            Sql.await(WITHIN, "the rebuilt replica to stream", () -> streamingThroughSlot(primary));
            assertStreamsThroughItsSlot(env, "after_rebuild");
        }
    }

    @Test
    void theReplicaTakesTheRunsCredentialsAsSoonAsSetUpEnds() throws Exception {
        // The copy starts without the run's password and gets it by replay; a standby that applies commits
        // 2 s late makes the window wide: set-up must wait it out, whether the template was just built or cached.
        EnvironmentSpec lateApply = EnvironmentSpec.defaults().withSettings(Map.of("recovery_min_apply_delay", "2s"));
        EnvironmentFactory factory = Sql.factoryCachingIn(dir.resolve("cache"));
        for (String name : List.of("rt-late-miss", "rt-late-hit")) {
            try (Environment env = factory.create(name, lateApply)) {
                env.setUp(SET_UP);
                assertThat(NodeSql.queryString(env.node("replica").orElseThrow(), "SELECT current_user"))
                        .as("the first connection to the replica of " + name).isEqualTo("admin");
            }
        }
        assertThat(factory.facts()).containsEntry("template-cache", "1 hit, 1 miss")
                .containsEntry("replica-source", "template");
    }

    @Test
    void withoutTheCacheTheReplicaIsABaseBackupAndStreamsThroughItsSlot() throws Exception {
        EnvironmentFactory factory = Sql.factoryCachingIn(null);
        try (Environment env = factory.create("rt-off", EnvironmentSpec.defaults())) {
            env.setUp(SET_UP);
            assertThat(factory.facts()).containsEntry("template-cache", "off").doesNotContainKey("replica-source");
            assertThat(replicaLog(env)).anyMatch(l -> l.contains(FROM_BACKUP)).noneMatch(l -> l.contains(FROM_SHUTDOWN));
            assertStreamsThroughItsSlot(env, "no_cache");
        }
    }

    @Test
    void anUnusableCacheDirectoryAlsoFallsBackToABaseBackup() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        EnvironmentFactory factory = Sql.factoryCachingIn(open);
        try (Environment env = factory.create("rt-unusable", EnvironmentSpec.defaults())) {
            env.setUp(SET_UP);
            assertThat(factory.facts()).containsEntry("template-cache", "off")
                    .containsEntry("replica-source", "base backup");
            assertThat(replicaLog(env)).anyMatch(l -> l.contains(FROM_BACKUP));
            assertStreamsThroughItsSlot(env, "unusable_cache");
        }
    }

    private static List<String> replicaLog(Environment env) {
        return env.node("replica").orElseThrow().logSince(0);
    }

    /**
     * A row written on the primary now shows on the replica; the primary's walsender for
     * {@code application_name=replica} streams through the active slot {@code replica_slot}; the replica,
     * in recovery, has no slot of its own.
     */
    private static void assertStreamsThroughItsSlot(Environment env, String table) throws Exception {
        Node primary = env.node("primary").orElseThrow();
        Node replica = env.node("replica").orElseThrow();
        NodeSql.exec(primary, "CREATE TABLE " + table + " (id int); INSERT INTO " + table + " VALUES (42)");
        Sql.await(WITHIN, "the row written on the primary to show on the replica",
                () -> NodeSql.queryLong(replica, "SELECT count(*) FROM " + table + " WHERE id = 42") == 1);
        assertThat(streamingThroughSlot(primary)).as("pg_stat_replication: replica streaming through replica_slot")
                .isTrue();
        assertThat(NodeSql.queryString(replica, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
        assertThat(NodeSql.queryLong(replica, "SELECT count(*) FROM pg_replication_slots"))
                .as("no replication slot of its own (none copied from the template)").isZero();
        assertThat(NodeSql.queryString(primary, "SELECT string_agg(slot_name || ':' || slot_type, ',') "
                + "FROM pg_replication_slots")).isEqualTo("replica_slot:physical");
    }

    private static boolean streamingThroughSlot(Node primary) throws Exception {
        return NodeSql.queryLong(primary, "SELECT count(*) FROM pg_stat_replication r JOIN pg_replication_slots s "
                + "ON s.active_pid = r.pid WHERE r.application_name = 'replica' AND r.state = 'streaming' "
                + "AND s.slot_name = 'replica_slot'") == 1;
    }
}
