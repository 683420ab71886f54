package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.env.Topology.NodeDecl;
import dev.pgdrill.environment.NodeSql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared skeleton sets up a declared topology other than today's on real servers: two standbys of
 * the primary (template copies made with it) and a cascading standby of one of them (a base backup of
 * that standby), declared before its upstream. Each streams from its own upstream through its own slot.
 */
class TopologySetUpIT {
    private static final Duration SET_UP = Duration.ofSeconds(120);
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @BeforeAll
    static void postgres() {
        Sql.assumePostgresInstalled();
    }

    @Test
    void aCascadingStandbyDeclaredBeforeItsUpstreamStreamsFromIt() throws Exception {
        Topology nodes = new Topology(List.of(NodeDecl.standby("s2", "s1"), NodeDecl.primary("primary"),
                NodeDecl.standby("s1", "primary"), NodeDecl.standby("s3", "primary")));
        EnvironmentFactory factory = Sql.factoryCachingIn(dir.resolve("cache"));
        for (String run : List.of("topo-miss", "topo-hit")) {
            try (Environment env = factory.create(run, EnvironmentSpec.defaults().withTopology(nodes))) {
                env.setUp(SET_UP);
                assertThat(env.nodeNames()).containsExactlyInAnyOrder("primary", "s1", "s2", "s3");
                Node primary = env.node("primary").orElseThrow();
                Node s1 = env.node("s1").orElseThrow();
                assertThat(streamingThroughSlots(primary)).as(run + ": the primary's walsenders")
                        .isEqualTo("s1:s1_slot,s3:s3_slot");
                assertThat(streamingThroughSlots(s1)).as(run + ": s1's walsender").isEqualTo("s2:s2_slot");

                NodeSql.exec(primary, "CREATE TABLE cascade (id int); INSERT INTO cascade VALUES (7)");
                for (String standby : List.of("s1", "s2", "s3")) {
                    Node n = env.node(standby).orElseThrow();
                    Sql.await(WITHIN, "the primary's row to show on " + standby,
                            () -> NodeSql.queryLong(n, "SELECT count(*) FROM cascade WHERE id = 7") == 1);
                    assertThat(NodeSql.queryString(n, "SELECT current_user")).as(run + ": " + standby
                            + " takes the run's credentials").isEqualTo("admin");
                }
            }
        }
        assertThat(factory.facts()).containsEntry("template-cache", "1 hit, 1 miss")
                .containsEntry("replica-source", "template");
    }

    /** {@code application_name:slot} of every walsender of {@code upstream} streaming through an active slot. */
    private static String streamingThroughSlots(Node upstream) throws Exception {
        return NodeSql.queryString(upstream, "SELECT string_agg(r.application_name || ':' || s.slot_name, ',' "
                + "ORDER BY r.application_name) FROM pg_stat_replication r JOIN pg_replication_slots s "
                + "ON s.active_pid = r.pid WHERE r.state = 'streaming'");
    }
}
