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

import static dev.pgdrill.engine.testing.Specs.params;
import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two histories in one archive: a restore of the backup promoted at an xid makes timeline 2, while the
 * primary goes on writing on timeline 1. A later restore of the same backup to a time after the branch
 * recovers along the timeline it names (by default the backup's own), never silently along the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimelineRestoreIT {
    private static final String MARKS = "SELECT string_agg(note, ',' ORDER BY id) FROM tl_marks";
    private static SharedEnvironment env;
    /** A time on timeline 1 after the branch, with a commit after it on both timelines. */
    private static String target;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("timelines");
        DrillResult r = passed(env.run(scenario("two-histories",
                step("sql", "on", "primary", "run", "CREATE TABLE tl_marks (id int PRIMARY KEY, note text)"),
                step("backup", "from", "primary", "name", "base"),
                step("sql", "on", "primary", "run", "INSERT INTO tl_marks VALUES (1, 'before-branch')"),
                withId("branch", "capture-target", "on", "primary"),
                withId("sibling", "restore", "node", "sibling", "from", "base",
                        "target", params("xid", "${steps.branch.xid}")),
                step("sql", "on", "primary", "run", "INSERT INTO tl_marks VALUES (2, 'tl1-a')"),
                step("sql", "on", "primary", "run", "INSERT INTO tl_marks VALUES (3, 'tl1-b')"),
                withId("t", "capture-target", "on", "primary"),
                step("sql", "on", "sibling", "run", "INSERT INTO tl_marks VALUES (4, 'tl2-after-target')"),
                step("switch-wal", "on", "sibling"),
                step("sql", "on", "primary", "run", "INSERT INTO tl_marks VALUES (5, 'tl1-after-target')"))));
        target = r.steps().get(7).outputs().get("time");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    @Order(1)
    void aTimeTargetAfterTheBranchRecoversAlongTheBackupsTimelineByDefault() {
        DrillResult r = passed(env.run(scenario("default-timeline",
                withId("again", "restore", "node", "again", "from", "base", "action", "pause",
                        "target", params("time", target)),
                step("verify", "on", "again", "query", MARKS, "equals", "before-branch,tl1-a,tl1-b"))));
        StepResult restore = r.steps().get(0);
        assertThat(restore.evidence())
                .anyMatch(l -> l.startsWith("preflight: recovering along timeline 1 (timeline: current, the backup's)"))
                .anyMatch(l -> l.contains("timeline 2") && l.contains("not followed"));
    }

    @Test
    @Order(2)
    void timelineLatestFollowsTheSiblingsHistoryAndShowsTheHistoryFileItRead() {
        DrillResult r = passed(env.run(scenario("latest-timeline",
                withId("again", "restore", "node", "again", "from", "base", "action", "pause",
                        "target", params("time", target, "timeline", "latest")),
                step("verify", "on", "again", "query", MARKS, "equals", "before-branch"))));
        StepResult restore = r.steps().get(0);
        assertThat(restore.evidence())
                .anyMatch(l -> l.startsWith("preflight: recovering along timeline 2 (timeline: latest)"))
                .anyMatch(l -> l.contains("restored log file \"00000002.history\""));
    }

    @Test
    @Order(3)
    void aTimelineWithoutAHistoryFileInTheArchiveIsRefusedBeforeTheNodeIsTouched() {
        DrillResult r = env.run(scenario("missing-timeline",
                step("restore", "node", "again", "from", "base", "action", "pause",
                        "target", params("time", target, "timeline", 7L))));
        StepResult restore = r.steps().get(0);
        assertThat(restore.status()).as(StepsEnvironment.describe(r)).isEqualTo(StepStatus.FAILED);
        assertThat(restore.message()).startsWith("preflight: timeline 7 has no history file (00000007.history) in the archive")
                .contains("nothing was touched");
    }
}
