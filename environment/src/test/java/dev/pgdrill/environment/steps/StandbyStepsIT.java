package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.testing.SharedEnvironment;
import dev.pgdrill.environment.common.PgBackRestTool;
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

/**
 * {@code start} as a standby and {@code restore} with {@code action: standby} on real local servers: an old
 * primary stopped cleanly after a switchover starts as a standby of the promoted replica; one stopped cleanly after
 * its history diverged is refused, with the server's own line; a base backup restored into a new node streams from the primary, with
 * pg_basebackup and with pgBackRest.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandbyStepsIT {
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("steps-standby");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    @Order(1)
    void theOldPrimaryStoppedCleanlyStartsAsAStandbyOfThePromotedReplica() {
        DrillResult r = passed(env.run(scenario("switchover-back",
                step("sql", "on", "primary", "run", "CREATE TABLE sw (id int); INSERT INTO sw VALUES (1)"),
                step("wait", "for", "lag", "below-bytes", 0L),
                step("stop", "on", "primary", "mode", "fast"),
                step("promote", "on", "replica"),
                step("sql", "on", "replica", "run", "INSERT INTO sw VALUES (2)"),
                withId("back", "start", "on", "primary", "standby", true, "upstream", "replica"),
                step("verify", "on", "primary", "query", "SELECT count(*) FROM sw", "equals", 2L),
                step("verify", "on", "primary", "query", "SELECT pg_is_in_recovery()", "equals", true))));
        StepResult back = r.steps().get(5);
        assertThat(back.outputs()).containsEntry("upstream", "replica").containsKey("lsn");
        assertThat(back.evidence()).anyMatch(l -> l.contains("entering standby mode"))
                .anyMatch(l -> l.contains("streams from 'replica'"));
        assertThat(env.real().node("primary").orElseThrow().isRunning()).isTrue();
    }

    @Test
    @Order(2)
    void aStandbyWhoseHistoryDivergedIsRefusedWithTheServersOwnLine() {
        // roles now: replica the primary (timeline 2), primary its standby. The standby is promoted while cut off,
        // after replica wrote a row it never got and was stopped cleanly: replica's shutdown checkpoint lies past the
        // fork point, so PostgreSQL refuses it as a standby of the new timeline. (A crashed server whose last
        // checkpoint precedes the fork would be let through: that is what pg_rewind is for.)
        DrillResult r = passed(env.run(scenario("diverged",
                step("partition", "on", "primary"),
                step("sql", "on", "replica", "run", "INSERT INTO sw VALUES (3)"),
                step("stop", "on", "replica", "mode", "fast"),
                step("heal", "on", "primary"),
                step("promote", "on", "primary"),
                step("sql", "on", "primary", "run", "INSERT INTO sw VALUES (4)"),
                withId("refused", "start", "on", "replica", "standby", true, "upstream", "primary",
                        "expect-failure", true))));
        StepResult refused = r.steps().get(6);
        assertThat(refused.outputs().get("fatal")).as(String.valueOf(refused.evidence()))
                .containsAnyOf("is not a child of this server's history", "forked off current database system timeline",
                        "is not in this server's history");
        assertThat(refused.evidence()).anyMatch(l -> l.contains("failed as expected"));
    }

    @Test
    @Order(3)
    void aBaseBackupRestoredAsAStandbyStreamsFromThePrimaryAndReplays() {
        DrillResult r = passed(env.run(scenario("restore-standby",
                step("backup", "name", "base", "from", "primary"),
                step("sql", "on", "primary", "run", "INSERT INTO sw VALUES (5)"),
                withId("s4", "restore", "node", "s4", "from", "base", "action", "standby", "upstream", "primary"),
                step("verify", "on", "s4", "query", "SELECT count(*) FROM sw WHERE id = 5", "equals", 1L),
                step("verify", "on", "s4", "query", "SELECT pg_is_in_recovery()", "equals", true))));
        StepResult s4 = r.steps().get(2);
        assertThat(s4.outputs()).containsEntry("node", "s4").containsEntry("upstream", "primary")
                .containsEntry("started", "true").containsKeys("timeline", "lsn", "seconds");
        assertThat(s4.evidence()).anyMatch(l -> l.contains("entering standby mode"));
    }

    @Test
    @Order(4)
    void aPgBackRestBackupRestoredAsAStandbyStreamsFromThePrimary() {
        SharedEnvironment tool = StepsEnvironment.start("steps-standby-pgbackrest", EnvironmentSpec.defaults()
                .withBackupTool(BackupTool.of(PgBackRestTool.KEY).orElseThrow()));
        try {
            DrillResult r = passed(tool.run(scenario("restore-standby-pgbackrest",
                    step("backup", "name", "base", "from", "primary"),
                    step("sql", "on", "primary", "run", "CREATE TABLE pb (id int); INSERT INTO pb VALUES (1)"),
                    withId("s4", "restore", "node", "s4", "from", "base", "action", "standby", "upstream", "primary"),
                    step("verify", "on", "s4", "query", "SELECT count(*) FROM pb", "equals", 1L),
                    step("verify", "on", "s4", "query", "SELECT pg_is_in_recovery()", "equals", true))));
            assertThat(r.steps().get(2).outputs()).containsEntry("upstream", "primary");
        } finally {
            StepsEnvironment.stop(tool);
        }
    }
}
