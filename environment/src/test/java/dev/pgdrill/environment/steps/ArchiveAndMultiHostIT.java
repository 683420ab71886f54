package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.testing.SharedEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static dev.pgdrill.environment.steps.StepsEnvironment.describe;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failover on the local backend: a multi-host read-write sql lands on whichever node is the primary, and
 * check-archive follows the archive across the timeline switch, then names a segment removed from it.
 */
class ArchiveAndMultiHostIT {
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("steps-archive-multihost");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    void multiHostSqlFollowsThePromotionAndTheArchiveHasNoGapAcrossTimelinesUntilASegmentIsRemoved() throws Exception {
        DrillResult r = passed(env.run(scenario("failover-archive",
                step("backup", "from", "primary", "name", "base"),
                step("sql", "on", "primary", "run", "CREATE TABLE tl_rows (id int, tl text); INSERT INTO tl_rows VALUES (1, 'one')"),
                withId("before", "sql", "on", List.of("replica", "primary"), "target-session-attrs", "read-write",
                        "query", "SELECT count(*) AS n FROM tl_rows", "capture", true),
                withId("standby", "sql", "on", List.of("primary", "replica"), "target-session-attrs", "standby",
                        "query", "SELECT pg_is_in_recovery() AS r", "capture", true),
                step("switch-wal", "on", "primary"),
                step("wait", "for", "lag", "below-bytes", 0L),
                step("kill", "on", "primary"),
                step("promote", "on", "replica"),
                withId("after", "sql", "on", List.of("primary", "replica"), "target-session-attrs", "read-write",
                        "run", "INSERT INTO tl_rows VALUES (2, 'two')"),
                step("switch-wal", "on", "replica"),
                withId("check", "check-archive"))));
        assertThat(r.steps().get(2).outputs()).containsEntry("node", "primary").containsEntry("n", "1");
        assertThat(r.steps().get(3).outputs()).containsEntry("node", "replica").containsEntry("r", "true");
        assertThat(r.steps().get(8).outputs()).containsEntry("node", "replica").containsEntry("row-count", "1");
        StepResult check = r.steps().get(10);
        assertThat(check.outputs()).containsEntry("timelines", "1, 2").containsEntry("missing", "0")
                .containsEntry("history-files", "1");
        assertThat(Integer.parseInt(check.outputs().get("timeline-1"))).isPositive();
        assertThat(Integer.parseInt(check.outputs().get("timeline-2"))).isPositive();
        assertThat(check.evidence()).anyMatch(l -> l.startsWith("timeline 2: ") && l.contains("branched from timeline 1 at"));

        String start = check.evidence().stream().filter(l -> l.startsWith("from backup 'base'")).findFirst().orElseThrow()
                .replaceAll(".*segment ([0-9A-F]{24}).*", "$1");
        Files.delete(Path.of(env.real().location(), "archive", start));
        DrillResult gap = env.run(scenario("archive-gap", step("check-archive")));
        assertThat(gap.status()).as(describe(gap)).isEqualTo(StepStatus.FAILED);
        assertThat(gap.steps().get(0).message()).startsWith("the WAL archive has 1 gap: " + start);
        assertThat(gap.steps().get(0).outputs()).containsEntry("missing", "1");
    }
}
