package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepResult;
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
import static dev.pgdrill.environment.steps.StepsEnvironment.describe;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/** log reads a node's server log since an earlier step; start with expect-failure passes only when the start fails. */
class ServerLogStepsIT {
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("steps-server-log");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    private static String raise(String marker) {
        return "DO $$ BEGIN RAISE LOG '" + marker + "'; END $$";
    }

    @Test
    void logSeesOnlyTheLinesWrittenSinceTheStepItNames() {
        DrillResult r = passed(env.run(scenario("log-since",
                step("sql", "on", "primary", "run", raise("pgdrill-marker-before")),
                withId("mark", "sql", "on", "primary", "run", raise("pgdrill-marker-after")),
                withId("after", "log", "on", "primary", "since", "mark", "contains", "LOG:  pgdrill-marker-after"),
                step("log", "on", "primary", "since", "mark", "absent", "pgdrill-marker-before"),
                withId("all", "log", "on", "primary", "matches", "LOG: +pgdrill-marker-(before|after)"))));
        StepResult after = r.steps().get(2);
        assertThat(after.outputs()).containsEntry("count", "1");
        assertThat(after.outputs().get("line")).contains("LOG:  pgdrill-marker-after");
        assertThat(r.steps().get(4).outputs()).containsEntry("count", "2");

        DrillResult failed = env.run(scenario("log-since-fails",
                withId("mark2", "sql", "on", "primary", "run", raise("pgdrill-marker-later")),
                step("log", "on", "primary", "since", "mark2", "contains", "pgdrill-marker-before")));
        assertThat(failed.status()).as(describe(failed)).isEqualTo(StepStatus.FAILED);
        StepResult log = failed.steps().get(1);
        assertThat(log.message()).startsWith("no line of 'primary''s log since step 'mark2' started contains "
                + "'pgdrill-marker-before'").contains("pgdrill-marker-later");
        assertThat(log.evidence()).anyMatch(l -> l.startsWith("looked at: ") && l.contains("pgdrill-marker-later"));
    }

    @Test
    void aStartThatMustFailPassesWithItsFatalLineAndFailsWhenTheServerComesUp() {
        DrillResult r = passed(env.run(scenario("start-must-fail", List.of(
                step("sql", "on", "primary", "run", "ALTER SYSTEM SET wal_level = minimal"),
                step("stop", "on", "primary", "mode", "fast"),
                withId("broken", "start", "on", "primary", "expect-failure", true),
                step("log", "on", "primary", "since", "broken", "matches", "FATAL: .*wal_level"),
                step("exec", "on", "primary", "command", List.of("sh", "-c",
                        "sed -i /wal_level/d \"$PGDATA/postgresql.auto.conf\"")),
                step("start", "on", "primary"),
                step("verify", "on", "primary", "query", "SELECT current_setting('wal_level')", "equals", "replica")),
                List.of(step("start", "on", "primary")))));
        assertThat(r.steps().get(2).outputs().get("fatal")).contains("FATAL:").contains("wal_level");

        DrillResult up = env.run(scenario("start-comes-up", List.of(
                step("stop", "on", "replica", "mode", "fast"),
                timeout(step("start", "on", "replica", "expect-failure", true), Duration.ofSeconds(30))),
                List.of(step("start", "on", "replica"))));
        assertThat(up.status()).as(describe(up)).isEqualTo(StepStatus.FAILED);
        assertThat(up.steps().get(1).message()).startsWith("expected the start of 'replica' to fail, but it accepts SQL after");
    }
}
