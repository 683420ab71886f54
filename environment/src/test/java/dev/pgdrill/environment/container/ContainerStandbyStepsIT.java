package dev.pgdrill.environment.container;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.testing.SharedEnvironment;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.compose.ComposeEnvironment;
import dev.pgdrill.environment.testcontainers.TestcontainersEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * start as a standby and restore as a standby on each container backend (on Compose with each backup tool: pgBackRest
 * restores with {@code --type=standby}): the old primary, stopped cleanly after a
 * switchover, starts as a standby of the promoted replica (its settings written by a helper container on its
 * volume, its link moved); then a base backup restored into a new node streams from the new primary.
 */
class ContainerStandbyStepsIT {
    @ParameterizedTest
    @CsvSource({"testcontainers, pg_basebackup", "compose, pg_basebackup", "compose, pgbackrest"})
    void theOldPrimaryStartsAsAStandbyOfThePromotedReplicaAndARestoredStandbyStreamsFromIt(String backend, String tool) {
        Docker.assumeEngine();
        Environment real = Environments.factory(backend, EnvironmentOptions.defaults()).create("standby-steps-it",
                EnvironmentSpec.defaults().withBackupTool(BackupTool.of(tool).orElseThrow()));
        String project = real instanceof ComposeEnvironment c ? c.project() : ((TestcontainersEnvironment) real).project();
        DrillResult r;
        try (real) {
            real.setUp(Duration.ofMinutes(3));
            r = new SharedEnvironment(real).run(scenario(backend + "-" + tool + "-standby",
                    step("sql", "on", "primary", "run", "CREATE TABLE sw (id int); INSERT INTO sw VALUES (1)"),
                    step("wait", "for", "lag", "below-bytes", 0L),
                    step("stop", "on", "primary", "mode", "fast"),
                    step("promote", "on", "replica"),
                    step("sql", "on", "replica", "run", "INSERT INTO sw VALUES (2)"),
                    // pgBackRest refuses to back up a just-promoted node until its end-of-recovery checkpoint has put
                    // the new timeline into pg_control ("WAL timeline 2 does not match pg_control timeline 1")
                    step("sql", "on", "replica", "run", "CHECKPOINT"),
                    withId("back", "start", "on", "primary", "standby", true, "upstream", "replica"),
                    step("verify", "on", "primary", "query", "SELECT count(*) FROM sw", "equals", 2L),
                    step("backup", "name", "base", "from", "replica"),
                    step("sql", "on", "replica", "run", "INSERT INTO sw VALUES (3)"),
                    withId("s4", "restore", "node", "s4", "from", "base", "action", "standby", "upstream", "replica"),
                    step("verify", "on", "s4", "query", "SELECT count(*) FROM sw", "equals", 3L),
                    step("verify", "on", "s4", "query", "SELECT pg_is_in_recovery()", "equals", true)));
        } finally {
            Docker.sweep(project);
        }
        List<String> report = new ArrayList<>();
        r.steps().forEach(s -> report.add(s.spec().label() + ": " + s.status() + " " + s.message() + " " + s.outputs()
                + (s.logTail().isEmpty() ? "" : "\n  " + String.join("\n  ", s.logTail()))));
        assertThat(r.status()).as(String.join("\n", report)).isEqualTo(StepStatus.PASSED);
        StepResult back = r.steps().get(6);
        assertThat(back.outputs()).containsEntry("upstream", "replica").containsKey("lsn");
        assertThat(r.steps().get(10).outputs()).containsEntry("node", "s4").containsEntry("upstream", "replica");
    }
}
