package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.testing.SharedEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;

import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/** lag, wait for lag, partition/heal, pause/resume and latency, measured on a real primary and replica. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LagStepsIT {
    private static final String WRITE = "INSERT INTO customers (firstName, lastName, email) "
            + "SELECT 'W', 'Writer' || g, 'w' || g || '-' || md5(random()::text) || '@x.org' FROM generate_series(1, 50) g";
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("steps-lag");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    @Order(1)
    void healthyReplicaHasNoLag() {
        DrillResult r = passed(env.run(scenario("healthy",
                step("wait", "for", "lag", "on", "replica", "below-bytes", 0L),
                withId("lag", "lag", "replica", "replica", "max-bytes", 500L))));
        StepResult lag = r.steps().get(1);
        assertThat(lag.outputs()).containsEntry("bytes", "0").containsEntry("seconds", "0.000").containsEntry("view", "replica");
        assertThat(value(lag, "lag_bytes")).isZero();
        // the primary's view is measured too (replay_lsn may still be unreported right after start-up)
        assertThat(value(lag, "primary_sent_lag_bytes")).isNotNull();
    }

    @Test
    @Order(2)
    void partitionMakesLagGrowAndHealBringsItBackToZero() {
        DrillResult r = passed(env.run(scenario("partition",
                step("sql", "on", "primary", "run", "CREATE TABLE replayed_before AS SELECT 1 AS x"),
                step("wait", "for", "lag", "below-bytes", 0L),
                step("partition", "on", "replica"),
                step("sql", "on", "primary", "run", WRITE),
                withId("cut", "lag", "replica", "replica", "min-bytes", 501L),
                step("heal", "on", "replica"),
                step("wait", "for", "lag", "on", "replica", "below-bytes", 0L),
                withId("healed", "lag", "max-bytes", 0L),
                step("verify", "on", "replica", "query", "SELECT count(*) FROM customers WHERE lastName LIKE 'Writer%'",
                        "equals", 50L))));
        StepResult cut = r.steps().get(4);
        assertThat(cut.outputs()).containsEntry("view", "replica");
        assertThat(value(cut, "lag_bytes")).isGreaterThan(500);
        assertThat(value(cut, "lag_seconds")).isGreaterThan(0);
        assertThat(r.steps().get(6).samples()).isNotEmpty();
        assertThat(r.steps().get(7).outputs()).containsEntry("bytes", "0");
    }

    @Test
    @Order(3)
    void lagAboveTheBoundFailsWithBothFigures() {
        DrillResult r = env.run(scenario("bound", List.of(
                step("partition", "on", "replica"),
                step("sql", "on", "primary", "run", WRITE),
                step("lag", "max-bytes", 500L)),
                List.of(step("heal", "on", "replica"), step("wait", "for", "lag", "below-bytes", 0L))));
        assertThat(r.steps().get(2).status()).isEqualTo(StepStatus.FAILED);
        assertThat(r.steps().get(2).message()).contains("lag of 'replica' behind 'primary': expected at most 500 bytes, found ");
        assertThat(r.finallySteps()).allMatch(s -> s.status() == StepStatus.PASSED);
    }

    @Test
    @Order(4)
    void pausedReplicaFallsBehindAndCatchesUpAfterResume() {
        DrillResult r = passed(env.run(scenario("pause",
                step("pause", "on", "replica"),
                step("sql", "on", "primary", "run", WRITE),
                withId("paused", "lag", "min-bytes", 1L),
                step("resume", "on", "replica"),
                step("wait", "for", "lag", "below-bytes", 0L),
                step("lag", "max-bytes", 0L),
                step("verify", "on", "replica", "query", "SELECT count(*) FROM customers WHERE lastName LIKE 'Writer%'",
                        "equals", 150L))));
        StepResult paused = r.steps().get(2);
        assertThat(paused.outputs()).containsEntry("view", "primary");
        assertThat(paused.evidence()).anyMatch(e -> e.contains("did not answer"));
        assertThat(value(paused, "lag_bytes")).isGreaterThan(0);
    }

    @Test
    @Order(5)
    void latencyDelaysWalReachingTheReplica() {
        passed(env.run(scenario("latency",
                step("latency", "on", "replica", "delay", "700ms"),
                step("sql", "on", "primary", "run", WRITE),
                step("lag", "min-bytes", 1L),
                step("wait", "for", "lag", "below-bytes", 0L),
                step("latency", "on", "replica", "delay", "0ms"))));
    }

    private static Double value(StepResult r, String name) {
        return r.measurements().stream().filter(m -> m.name().equals(name)).map(Measurement::value).findFirst().orElse(null);
    }
}
