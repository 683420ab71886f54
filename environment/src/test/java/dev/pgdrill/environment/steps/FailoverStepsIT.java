package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepResult;
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
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/** stop/start/kill, wait, promote, rebuild-replica, naive-copy and wipe on real servers. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverStepsIT {
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("steps-failover");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    @Order(1)
    void stoppedAndKilledServersComeBackWhenStarted() {
        DrillResult r = passed(env.run(scenario("stop-start-kill",
                step("stop", "on", "replica", "mode", "fast"),
                step("start", "on", "replica"),
                step("wait", "for", "recovery", "on", "replica"),
                step("kill", "on", "primary"),
                withId("crashed", "start", "on", "primary"),
                step("wait", "for", "writable", "on", "primary"),
                step("stop", "on", "primary", "mode", "immediate"),
                step("start", "on", "primary", "wait", false),
                step("wait", "for", "ready", "on", "primary"),
                step("wait", "for", "lag", "below-bytes", 0L))));
        assertThat(env.node("primary").orElseThrow().isRunning()).isTrue();
        StepResult crashed = r.steps().get(4);
        assertThat(crashed.evidence()).anyMatch(l -> l.contains("database system was interrupted")
                || l.contains("not properly shut down"));
    }

    @Test
    @Order(2)
    void promotedReplicaAcceptsWritesAndTheOldPrimaryFollowsItAfterARebuild() {
        DrillResult r = passed(env.run(scenario("failover",
                step("sql", "on", "primary", "run",
                        "INSERT INTO customers (firstName, lastName, email) VALUES ('Charlie', 'Davis', 'charlie@x.org')"),
                step("wait", "for", "lag", "below-bytes", 0L),
                step("kill", "on", "primary"),
                withId("promote", "promote", "on", "replica"),
                step("sql", "on", "replica", "run",
                        "INSERT INTO customers (firstName, lastName, email) VALUES ('Erin', 'After', 'erin@x.org')"),
                withId("rebuild", "rebuild-replica", "node", "primary", "from", "replica"),
                step("wait", "for", "recovery", "on", "primary"),
                step("verify", "on", "primary", "query", "SELECT count(*) FROM customers WHERE lastName IN ('Davis', 'After')",
                        "equals", 2L),
                step("lag", "replica", "primary", "primary", "replica", "max-bytes", 0L))));
        StepResult promote = r.steps().get(3);
        assertThat(promote.outputs()).containsEntry("timeline", "2").containsKey("lsn");
        assertThat(promote.evidence()).anyMatch(l -> l.contains("selected new timeline ID: 2"))
                .anyMatch(l -> l.startsWith("promotion took " + promote.outputs().get("seconds") + " s by the server log"));
        assertThat(r.steps().get(5).outputs()).containsEntry("node", "primary").containsKey("lsn");
    }

    @Test
    @Order(3)
    void naiveCopyOfAnIdleServerRestoresAndStarts() {
        DrillResult r = passed(env.run(scenario("naive-copy",
                withId("copy", "naive-copy", "from", "replica", "name", "copy"),
                step("wipe", "on", "primary"),
                withId("restore", "restore", "node", "primary", "from", "copy", "must-start", false),
                step("verify", "on", "primary", "query", "SELECT count(*) FROM customers WHERE lastName = 'After'",
                        "equals", 1L))));
        assertThat(r.steps().get(0).outputs()).containsEntry("name", "copy").containsKey("end-time");
        assertThat(r.steps().get(2).outputs()).containsEntry("started", "true");
    }
}
