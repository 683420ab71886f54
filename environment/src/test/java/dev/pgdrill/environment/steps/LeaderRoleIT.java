package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.testing.SharedEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/** Without a failover manager, 'leader' is the one node out of recovery, and wait-leader sees a promotion. */
class LeaderRoleIT {
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("steps-leader");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    void leaderFollowsThePromotionAndEachStepNamesTheNodeItRanOn() {
        DrillResult r = passed(env.run(scenario("leader-role",
                withId("before", "wait-leader"),
                withId("write", "sql", "on", "leader", "run",
                        "INSERT INTO customers (firstName, lastName, email) VALUES ('Lea', 'Der', 'lea@x.org')"),
                step("wait", "for", "lag", "below-bytes", 0L),
                withId("crash", "kill", "on", "leader"),
                step("promote", "on", "replica"),
                withId("after", "wait-leader", "not", "primary"),
                withId("check", "verify", "on", "leader", "query", "SELECT count(*) FROM customers WHERE lastName = 'Der'",
                        "equals", 1L))));
        StepResult before = r.steps().get(0);
        assertThat(before.outputs()).containsEntry("leader", "primary").containsEntry("timeline", "1");
        assertThat(before.evidence()).anyMatch(e -> e.contains("pg_is_in_recovery()"));
        assertThat(r.steps().get(1).evidence()).contains("'leader' is node 'primary' (pg_is_in_recovery())");
        assertThat(r.steps().get(3).evidence()).contains("'leader' is node 'primary' (pg_is_in_recovery())");
        StepResult after = r.steps().get(5);
        assertThat(after.outputs()).containsEntry("leader", "replica").containsEntry("timeline", "2");
        assertThat(r.steps().get(6).evidence()).contains("'leader' is node 'replica' (pg_is_in_recovery())");
        assertThat(env.node("primary").orElseThrow().isRunning()).isFalse();
    }
}
