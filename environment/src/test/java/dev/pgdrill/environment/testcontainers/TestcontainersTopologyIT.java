package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.env.Topology.NodeDecl;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.NodeSql;
import dev.pgdrill.environment.container.Docker;
import dev.pgdrill.environment.container.DockerEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared skeleton sets up a cascade on Testcontainers as on the local backend: {@code s2} follows
 * {@code s1}, which follows the primary, each a helper's base backup of its own upstream; both stream, a
 * row written on the primary reaches the end of the chain, and a partition of {@code s2} cuts its own link.
 */
class TestcontainersTopologyIT {
    @Test
    void aCascadeStreamsFromEachUpstreamAndNothingIsLeftAfterClose() throws Exception {
        Assumptions.assumeTrue(DockerEngine.available(), "no Docker engine reachable: testcontainers tests skipped");
        Topology cascade = new Topology(List.of(NodeDecl.primary("primary"), NodeDecl.standby("s1", "primary"),
                NodeDecl.standby("s2", "s1")));
        String project;
        try (Environment env = Environments.factory("testcontainers", EnvironmentOptions.defaults())
                .create("topology-it", EnvironmentSpec.defaults().withTopology(cascade))) {
            project = ((TestcontainersEnvironment) env).project();
            env.setUp(Duration.ofMinutes(3));
            assertThat(env.nodeNames()).containsExactly("primary", "s1", "s2");
            Node primary = env.node("primary").orElseThrow();
            Node s1 = env.node("s1").orElseThrow();
            Node s2 = env.node("s2").orElseThrow();
            assertThat(NodeSql.queryString(primary, "SELECT string_agg(application_name, ',') FROM pg_stat_replication "
                    + "WHERE state = 'streaming'")).isEqualTo("s1");
            assertThat(NodeSql.queryString(s1, "SELECT string_agg(application_name, ',') FROM pg_stat_replication "
                    + "WHERE state = 'streaming'")).isEqualTo("s2");

            NodeSql.exec(primary, "CREATE TABLE cascade (id int); INSERT INTO cascade VALUES (7)");
            NodeSql.await(Duration.ofSeconds(30), Duration.ofMillis(200), "the primary's row to reach s2",
                    () -> NodeSql.queryLong(s2, "SELECT count(*) FROM cascade WHERE id = 7") == 1);

            env.partition("s2");
            NodeSql.await(Duration.ofSeconds(30), Duration.ofMillis(200), "s1 to lose its walsender for s2",
                    () -> NodeSql.queryLong(s1, "SELECT count(*) FROM pg_stat_replication") == 0);
            NodeSql.exec(primary, "INSERT INTO cascade VALUES (8)");
            NodeSql.await(Duration.ofSeconds(30), Duration.ofMillis(200), "the second row to reach s1",
                    () -> NodeSql.queryLong(s1, "SELECT count(*) FROM cascade WHERE id = 8") == 1);
            assertThat(NodeSql.queryLong(s2, "SELECT count(*) FROM cascade WHERE id = 8")).as("s2 is cut off")
                    .isZero();
            env.heal("s2");
            NodeSql.await(Duration.ofSeconds(60), Duration.ofMillis(200), "s2 to catch up once healed",
                    () -> NodeSql.queryLong(s2, "SELECT count(*) FROM cascade WHERE id = 8") == 1);
        }
        assertThat(Docker.leftovers(project)).isEmpty();
    }
}
