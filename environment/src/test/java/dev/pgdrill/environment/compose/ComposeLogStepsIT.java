package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.testing.SharedEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.timeout;
import static dev.pgdrill.engine.testing.Specs.withId;
import static org.assertj.core.api.Assertions.assertThat;

/** log (container logs since a step), multi-host sql and start with expect-failure on the Compose backend. */
class ComposeLogStepsIT {
    private static ComposeEnvironment env;
    private static SharedEnvironment shared;

    @BeforeAll
    static void setUp() {
        env = ComposeRuns.up("log-steps-it");
        shared = new SharedEnvironment(env);
    }

    @AfterAll
    static void tearDown() {
        ComposeRuns.down(env);
    }

    @Test
    void logReadsTheContainerLogSinceAStepAndMultiHostSqlFindsThePrimary() {
        DrillResult r = shared.run(scenario("compose-log", List.of(
                step("sql", "on", "primary", "run", "DO $$ BEGIN RAISE LOG 'compose-marker-before'; END $$"),
                // Docker hands a container's output to its log a moment later: the first line is in the log
                // before the mark is taken, and the second is waited for
                withId("mark", "log", "on", "primary", "contains", "compose-marker-before", "within", "10s"),
                step("sql", "on", "primary", "run", "DO $$ BEGIN RAISE LOG 'compose-marker-after'; END $$"),
                withId("after", "log", "on", "primary", "since", "mark", "contains", "LOG:  compose-marker-after",
                        "within", "10s"),
                step("log", "on", "primary", "since", "mark", "absent", "compose-marker-before"),
                withId("writer", "sql", "on", List.of("replica", "primary"), "target-session-attrs", "read-write",
                        "query", "SELECT 1"),
                step("stop", "on", "replica", "mode", "fast"),
                timeout(step("start", "on", "replica", "expect-failure", true), Duration.ofSeconds(60))),
                List.of(step("start", "on", "replica"))));
        assertThat(r.steps().get(3).status()).as(String.valueOf(r.steps().get(3).message())).isEqualTo(StepStatus.PASSED);
        assertThat(r.steps().get(3).outputs()).containsEntry("count", "1");
        assertThat(r.steps().get(4).status()).as(String.valueOf(r.steps().get(4).message())).isEqualTo(StepStatus.PASSED);
        assertThat(r.steps().get(5).outputs()).containsEntry("node", "primary");
        assertThat(r.steps().get(7).status()).isEqualTo(StepStatus.FAILED);
        assertThat(r.steps().get(7).message()).startsWith("expected the start of 'replica' to fail, but it accepts SQL");
    }
}
