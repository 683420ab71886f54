package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RejoinMethod;
import dev.pgdrill.engine.env.Rejoined;
import dev.pgdrill.environment.NodeSql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code rejoin} on real servers: after a failover with a write on each side of the split, the old primary
 * rejoins the new one by pg_rewind (its diverged write gone, streaming on the new timeline); with the WAL
 * pg_rewind needs missing from its data directory, {@code rewind} fails with pg_rewind's own lines and
 * {@code auto} rebuilds it instead.
 */
class RejoinIT {
    private static final Duration SET_UP = Duration.ofSeconds(120);
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @BeforeAll
    static void postgres() {
        Sql.assumePostgresInstalled();
    }

    @Test
    void theOldPrimaryRejoinsByRewindLosingItsDivergedWriteAndStreamsOnTheNewTimeline() throws Exception {
        try (Environment env = factory().create("rejoin-rewind", EnvironmentSpec.defaults())) {
            env.setUp(SET_UP);
            Node primary = env.node("primary").orElseThrow();
            Node replica = env.node("replica").orElseThrow();
            splitAndFailOver(env, primary, replica);

            Rejoined done = env.rejoin("primary", "replica", RejoinMethod.REWIND);

            assertThat(done.method()).isEqualTo(RejoinMethod.REWIND);
            assertThat(done.fallback()).isNull();
            assertThat(done.bytes()).as("what pg_rewind copied").isPositive();
            assertThat(done.toolLines()).anyMatch(l -> l.contains("servers diverged at WAL location"))
                    .contains("pg_rewind: Done!");
            assertRejoined(primary, replica);
        }
    }

    @Test
    void withoutTheWalPgRewindNeedsRewindFailsWithItsLinesAndAutoRebuildsInstead() throws Exception {
        try (Environment env = factory().create("rejoin-auto", EnvironmentSpec.defaults())) {
            env.setUp(SET_UP);
            Node primary = env.node("primary").orElseThrow();
            Node replica = env.node("replica").orElseThrow();
            splitAndFailOver(env, primary, replica);
            removeWal((LocalNode) primary);

            assertThatThrownBy(() -> env.rejoin("primary", "replica", RejoinMethod.REWIND))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("pg_rewind of node 'primary' from 'replica' failed");

            Rejoined done = env.rejoin("primary", "replica", RejoinMethod.AUTO);

            assertThat(done.method()).isEqualTo(RejoinMethod.REBUILD);
            assertThat(done.fallback()).contains("pg_rewind");
            assertThat(done.bytes()).as("the rebuilt data directory's size").isGreaterThan(1_000_000);
            assertRejoined(primary, replica);
        }
    }

    private EnvironmentFactory factory() {
        return Sql.factoryCachingIn(dir.resolve("cache"));
    }

    /** A row on both sides, the replica cut off, a diverged row on the primary, which crashes; the replica promoted and written. */
    private static void splitAndFailOver(Environment env, Node primary, Node replica) throws Exception {
        NodeSql.exec(primary, "CREATE TABLE split (side text); INSERT INTO split VALUES ('both')");
        Sql.await(WITHIN, "the replica to have the row", () -> NodeSql.queryLong(replica,
                "SELECT count(*) FROM pg_tables WHERE tablename = 'split'") == 1
                && NodeSql.queryLong(replica, "SELECT count(*) FROM split") == 1);
        env.partition("replica");
        NodeSql.exec(primary, "INSERT INTO split VALUES ('old primary only')");
        primary.kill();
        env.heal("replica");
        NodeSql.exec(replica, "SELECT pg_promote(true, 30)");
        NodeSql.exec(replica, "INSERT INTO split VALUES ('new primary')");
    }

    private static void assertRejoined(Node primary, Node replica) throws Exception {
        Sql.await(WITHIN, "the old primary to stream from the new one", () -> NodeSql.queryLong(replica,
                "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'primary' AND state = 'streaming'") == 1);
        NodeSql.exec(replica, "INSERT INTO split VALUES ('after the rejoin')");
        Sql.await(WITHIN, "the write after the rejoin on the old primary", () -> NodeSql.queryLong(primary,
                "SELECT count(*) FROM split WHERE side = 'after the rejoin'") == 1);
        assertThat(NodeSql.queryString(primary, "SELECT string_agg(side, ',' ORDER BY side) FROM split"))
                .as("the diverged write is gone").isEqualTo("after the rejoin,both,new primary");
        assertThat(NodeSql.queryLong(primary, "SELECT received_tli FROM pg_stat_wal_receiver")).isEqualTo(2);
        assertThat(NodeSql.queryLong(primary, "SELECT pg_is_in_recovery()::int")).isEqualTo(1);
    }

    /** Deletes the WAL segments of the stopped node's data directory (pg_rewind reads them from the branch point on). */
    private static void removeWal(LocalNode node) throws IOException {
        try (Stream<Path> files = Files.list(node.dataDir().resolve("pg_wal"))) {
            List<Path> segments = files.filter(p -> p.getFileName().toString().matches("[0-9A-F]{24}")).toList();
            assertThat(segments).isNotEmpty();
            for (Path segment : segments) {
                Files.delete(segment);
            }
        }
    }
}
