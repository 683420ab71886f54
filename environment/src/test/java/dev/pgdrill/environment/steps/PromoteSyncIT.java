package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.testing.SharedEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static org.assertj.core.api.Assertions.assertThat;

/** A promoted node whose commits wait for a synchronous standby that is not there is not writable. */
class PromoteSyncIT {
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("promote-sync");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    void promoteFailsWhenCommitsWaitForASynchronousStandbyThatDoesNotExist() {
        DrillResult r = env.run(scenario("sync-ghost",
                step("sql", "on", "replica", "run", "ALTER SYSTEM SET synchronous_standby_names = 'ghost'"),
                step("sql", "on", "replica", "run", "SELECT pg_reload_conf()"),
                withId("promote", "promote", "on", "replica")));
        StepResult promote = r.steps().get(2);
        assertThat(promote.status()).as(StepsEnvironment.describe(r)).isEqualTo(StepStatus.FAILED);
        assertThat(promote.message()).contains("'replica'").contains("commits wait for synchronous standbys")
                .contains("ghost").doesNotContain("timed out");
    }
}
