package dev.pgdrill.environment.steps;

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

import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static dev.pgdrill.environment.steps.StepsEnvironment.describe;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/** naive-copy with checkpoint-during on real servers: the loud failure of a file copy. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NaiveCopyIT {
    private static final String NO_CHECKPOINT = "could not locate a valid checkpoint record";
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("steps-naive-copy");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    @Order(1)
    void copyWithACheckpointBetweenPgWalAndTheRestDoesNotStart() {
        DrillResult r = passed(env.run(scenario("naive-copy-across-checkpoint",
                step("sql", "on", "primary", "run",
                        "INSERT INTO customers (firstName, lastName, email) VALUES ('Ken', 'Copy', 'ken@x.org')"),
                withId("copy", "naive-copy", "from", "primary", "name", "late", "checkpoint-during", true),
                withId("restore", "restore", "node", "late", "from", "late", "must-start", false),
                withId("fate", "inspect", "on", "late", "expect", "not-started"))));
        StepResult copy = r.steps().get(1);
        assertThat(copy.outputs()).containsEntry("name", "late");
        assertThat(copy.evidence()).anyMatch(l -> l.contains("CHECKPOINT ran on 'primary' between copying pg_wal and the rest"));
        assertThat(r.steps().get(2).outputs()).containsEntry("started", "false");
        StepResult fate = r.steps().get(3);
        assertThat(fate.outputs()).containsEntry("fate", "not-started");
        assertThat(fate.evidence()).anyMatch(l -> l.contains("PANIC") && l.contains(NO_CHECKPOINT));
        assertThat(env.node("primary").orElseThrow().isRunning()).as("the source keeps running").isTrue();
    }

    @Test
    @Order(2)
    void failedCheckpointLeavesNoPartialCopyBehind() {
        // 'late' did not start (test 1), so the CHECKPOINT midway cannot connect
        DrillResult failed = env.run(scenario("checkpoint-fails",
                step("naive-copy", "from", "late", "name", "retry", "checkpoint-during", true)));
        assertThat(failed.status()).as(describe(failed)).isEqualTo(StepStatus.FAILED);
        assertThat(failed.steps().get(0).message()).contains("CHECKPOINT on 'late' between copying pg_wal and the rest failed");
        assertThat(env.backups()).noneMatch(b -> b.name().equals("retry"));

        passed(env.run(scenario("same-name-again", step("naive-copy", "from", "late", "name", "retry"))));
        assertThat(env.backups()).anyMatch(b -> b.name().equals("retry") && b.naive());
    }
}
