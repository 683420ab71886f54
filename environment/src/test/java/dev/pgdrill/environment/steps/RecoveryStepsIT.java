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

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static dev.pgdrill.engine.testing.Specs.params;
import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/** backup, capture-target and restore (time, name, LSN into a new node, a target past the archive). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryStepsIT {
    /** Deletes a customer with the orders that reference it (several statements, one bind parameter). */
    private static final String DELETE_VICTIM = "DELETE FROM orderItems WHERE orderId IN (SELECT o.orderId FROM orders o "
            + "JOIN customers c USING (customerId) WHERE c.lastName = :victim); "
            + "DELETE FROM orders WHERE customerId IN (SELECT customerId FROM customers WHERE lastName = :victim); "
            + "DELETE FROM customers WHERE lastName = :victim";
    private static final String JOHNSONS = "SELECT count(*) FROM customers WHERE lastName = 'Johnson'";
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("steps-recovery");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    @Order(1)
    void restoresJohnsonAfterPointInTimeRecoveryToTheCapturedTime() {
        DrillResult r = passed(env.run(scenario("pitr-time",
                withId("base", "backup", "from", "primary", "name", "base"),
                withId("before", "capture-target", "on", "primary"),
                step("sql", "on", "primary", "run", DELETE_VICTIM, "params", params("victim", "Johnson")),
                step("verify", "on", "primary", "query", JOHNSONS, "equals", 0L),
                withId("restore", "restore", "node", "primary", "from", "base",
                        "target", params("time", "${steps.before.time}")),
                step("verify", "on", "primary", "query", JOHNSONS, "equals", 1L),
                step("verify", "on", "primary", "query", "SELECT count(*) FROM customers", "equals", 2L))));
        assertThat(r.steps().get(0).outputs()).containsEntry("name", "base").containsKeys("start-lsn", "end-lsn", "end-time");
        StepResult before = r.steps().get(1);
        assertThat(before.outputs().get("time")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00");
        assertThat(before.outputs()).containsKeys("lsn", "name", "xid", "segment");
        assertThat(env.archivedWalFiles()).contains(before.outputs().get("segment"));
        StepResult restore = r.steps().get(4);
        assertThat(restore.outputs()).containsEntry("started", "true").containsEntry("node", "primary");
        assertThat(restore.evidence()).anyMatch(l -> l.contains("starting point-in-time recovery"))
                .anyMatch(l -> l.contains("recovery stopping before commit of transaction"))
                .anyMatch(l -> l.contains("selected new timeline ID"));
        assertThat(restore.measurements()).anyMatch(m -> m.name().equals("restore_seconds"));
    }

    @Test
    @Order(2)
    void restoresToARestorePointByName() {
        DrillResult r = passed(env.run(scenario("pitr-name",
                step("backup", "name", "second"),
                withId("rp", "capture-target", "name", "before_second_delete"),
                step("sql", "on", "primary", "run", DELETE_VICTIM, "params", params("victim", "Johnson")),
                withId("restore", "restore", "from", "second", "target", params("name", "${steps.rp.name}")),
                step("verify", "on", "primary", "query", JOHNSONS, "equals", 1L))));
        assertThat(r.steps().get(3).evidence()).anyMatch(l -> l.contains("recovery stopping at restore point \"before_second_delete\""));
    }

    @Test
    @Order(3)
    void restoresIntoANewNodePausedAtAnLsn() {
        DrillResult r = passed(env.run(scenario("pitr-lsn-new-node",
                withId("t", "capture-target"),
                step("sql", "on", "primary", "run",
                        "INSERT INTO customers (firstName, lastName, email) VALUES ('Late', 'Comer', 'late@x.org')"),
                step("restore", "node", "restored", "target", params("lsn", "${steps.t.lsn}"), "action", "pause"),
                step("verify", "on", "restored", "query", "SELECT pg_is_in_recovery()", "equals", true),
                step("verify", "on", "restored", "query", "SELECT 1 FROM customers WHERE lastName = 'Comer'", "absent", true),
                step("verify", "on", "primary", "query", "SELECT 1 FROM customers WHERE lastName = 'Comer'", "present", true))));
        assertThat(env.nodeNames()).contains("restored");
        assertThat(r.steps().get(2).evidence()).anyMatch(l -> l.contains("recovery stopping after WAL location"));
    }

    @Test
    @Order(4)
    void aTargetPastTheArchiveFailsWithPostgresqlsOwnFatalLine() {
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)
                .format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssx"));
        DrillResult r = env.run(scenario("past-the-archive",
                // preflight off: this shows PostgreSQL's own refusal (the preflight refuses it earlier, see RestorePreflightIT)
                List.of(step("restore", "node", "primary", "target", params("time", future), "preflight", false)),
                // the class's earlier tests promoted restores: the newest history is the one with the Johnsons
                List.of(step("restore", "node", "primary", "target", params("latest", true, "timeline", "latest")),
                        step("verify", "on", "primary", "query", JOHNSONS, "equals", 1L))));
        StepResult failed = r.steps().get(0);
        assertThat(failed.status()).isEqualTo(StepStatus.FAILED);
        assertThat(failed.message()).contains("node 'primary' stopped after restore")
                .contains("FATAL:  recovery ended before configured recovery target was reached");
        assertThat(failed.evidence()).anyMatch(l -> l.contains("starting point-in-time recovery"));
        assertThat(failed.logTail()).isNotEmpty();
        assertThat(r.finallySteps()).as(StepsEnvironment.describe(r)).allMatch(s -> s.status() == StepStatus.PASSED);
    }
}
