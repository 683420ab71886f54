package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.testing.SharedEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.pgdrill.engine.testing.Specs.params;
import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/** A drill on the local backend backs up and restores to a point in time with {@link TwinBaseBackupTool}, a tool of test code only. */
class TwinBaseBackupToolIT {
    private static final String JOHNSONS = "SELECT count(*) FROM customers WHERE lastName = 'Johnson'";
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("twin-tool",
                EnvironmentSpec.defaults().withBackupTool(BackupTool.of(TwinBaseBackupTool.KEY).orElseThrow()));
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    void restoresJohnsonToTheCapturedTimeWithTheTestOnlyTool() {
        assertThat(env.real().backupTool()).startsWith(TwinBaseBackupTool.KEY + " (pg_basebackup");
        DrillResult r = passed(env.run(scenario("twin-pitr",
                withId("base", "backup", "from", "primary", "name", "base"),
                withId("before", "capture-target", "on", "primary"),
                step("sql", "on", "primary", "run", "DELETE FROM orderItems WHERE orderId IN (SELECT o.orderId FROM "
                        + "orders o JOIN customers c USING (customerId) WHERE c.lastName = 'Johnson'); DELETE FROM orders "
                        + "WHERE customerId IN (SELECT customerId FROM customers WHERE lastName = 'Johnson'); DELETE FROM "
                        + "customers WHERE lastName = 'Johnson'"),
                step("verify", "on", "primary", "query", JOHNSONS, "equals", 0L),
                step("restore", "node", "primary", "from", "base", "target", params("time", "${steps.before.time}")),
                step("verify", "on", "primary", "query", JOHNSONS, "equals", 1L))));
        assertThat(r.steps().get(0).outputs()).containsEntry("name", "base").containsEntry("type", "full");
        StepResult restore = r.steps().get(4);
        assertThat(restore.evidence()).anyMatch(l -> l.contains("recovery stopping before commit of transaction"));
        assertThat(env.real().backups()).anyMatch(b -> b.name().equals("base") && !b.naive());
    }
}
