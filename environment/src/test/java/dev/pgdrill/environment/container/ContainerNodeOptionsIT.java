package dev.pgdrill.environment.container;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.scenario.ScenarioLoader;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.NodeSql;
import dev.pgdrill.environment.compose.ComposeEnvironment;
import dev.pgdrill.environment.testcontainers.TestcontainersEnvironment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A three-node topology declared in a scenario's YAML, set up on each container backend with its node options: the
 * primary's own settings (quorum commit naming s1 by its node name), s1 archiving what it receives
 * ({@code archive-mode: always}), s2 cascading from s1 and streaming only ({@code archive: false}); then s2
 * re-pointed at the primary ({@code follow}) in its own container, keeping its data. On Compose the primary is the
 * file's service and s1 and s2 are clones of their upstreams.
 */
class ContainerNodeOptionsIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Duration PAUSE = Duration.ofMillis(200);

    private static final String DRILL = """
            environment:
              nodes:
                primary: { settings: { synchronous_standby_names: "ANY 1 (s1)", work_mem: 7MB } }
                s1: { follows: primary, archive-mode: always }
                s2: { follows: s1, archive: false, settings: { work_mem: 9MB } }
            steps:
              - follow: { node: s2, upstream: primary }
            """;

    @ParameterizedTest
    @ValueSource(strings = {"testcontainers", "compose"})
    void aDeclaredTopologyGetsItsNodeOptionsAndAStandbyFollowsAnotherUpstream(String backend) throws Exception {
        Assumptions.assumeTrue(DockerEngine.available(), "no Docker engine reachable: " + backend + " tests skipped");
        EnvironmentSpec spec = new ScenarioLoader(StepRegistry.load()).parse(Path.of("nodes.yaml"),
                DRILL.getBytes(StandardCharsets.UTF_8), Map.of()).environmentSpec();
        String project;
        try (Environment env = Environments.factory(backend, EnvironmentOptions.defaults())
                .create("node-options-it", spec)) {
            project = env instanceof ComposeEnvironment c ? c.project() : ((TestcontainersEnvironment) env).project();
            env.setUp(Duration.ofMinutes(3));
            Node primary = env.node("primary").orElseThrow();
            Node s1 = env.node("s1").orElseThrow();
            Node s2 = env.node("s2").orElseThrow();

            assertThat(NodeSql.queryString(primary, "SHOW work_mem")).isEqualTo("7MB");
            assertThat(NodeSql.queryString(s1, "SHOW work_mem")).as("not inherited").isEqualTo("4MB");
            assertThat(NodeSql.queryString(s2, "SHOW work_mem")).isEqualTo("9MB");
            assertThat(NodeSql.queryString(s2, "SHOW restore_command")).as("s2 streams only").isEmpty();
            assertThat(NodeSql.queryString(s1, "SHOW restore_command")).isNotEmpty();
            assertThat(NodeSql.queryString(s1, "SHOW archive_mode")).isEqualTo("always");
            assertThat(NodeSql.queryString(primary, "SELECT string_agg(application_name || ':' || sync_state, ',') "
                    + "FROM pg_stat_replication")).isEqualTo("s1:quorum");

            NodeSql.exec(primary, "CREATE TABLE o (id int); INSERT INTO o VALUES (1)");
            String segment = NodeSql.queryString(primary, "SELECT pg_walfile_name(pg_current_wal_lsn())");
            NodeSql.exec(primary, "SELECT pg_switch_wal()");
            NodeSql.await(WITHIN, PAUSE, "s1 to archive " + segment, () -> segment.equals(NodeSql.queryString(s1,
                    "SELECT last_archived_wal FROM pg_stat_archiver")));
            assertThat(NodeSql.queryLong(s1, "SELECT failed_count FROM pg_stat_archiver")).isZero();

            String started = NodeSql.queryString(s2, "SELECT pg_postmaster_start_time()::text");
            env.follow("s2", "primary");
            NodeSql.await(WITHIN, PAUSE, "s2 to stream from the primary", () -> NodeSql.queryLong(primary,
                    "SELECT count(*) FROM pg_stat_replication WHERE application_name = 's2' AND state = 'streaming'")
                    == 1);
            NodeSql.await(WITHIN, PAUSE, "s1 to lose its walsender for s2", () -> NodeSql.queryLong(s1,
                    "SELECT count(*) FROM pg_stat_replication") == 0);
            NodeSql.exec(primary, "INSERT INTO o VALUES (2)");
            NodeSql.await(WITHIN, PAUSE, "the row on s2", () -> NodeSql.queryLong(s2, "SELECT count(*) FROM o") == 2);
            assertThat(NodeSql.queryString(s2, "SELECT pg_postmaster_start_time()::text")).as("reloaded, not restarted")
                    .isEqualTo(started);
        }
        assertThat(Docker.leftovers(project)).isEmpty();
    }
}
