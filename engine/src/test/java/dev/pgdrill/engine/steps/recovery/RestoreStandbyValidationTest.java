package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.testing.ScenarioText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What validate says about {@code restore} with {@code action: standby} before anything runs. */
class RestoreStandbyValidationTest {
    private static final String STEPS = "steps:\n  - backup: { name: base }\n";

    private static void valid(String step) {
        ScenarioText.valid(STEPS + step);
    }

    private static List<String> problems(String step) {
        return ScenarioText.problems(STEPS + step);
    }

    @Test
    void aBackupMayBeRestoredIntoANewNodeThatStreamsFromAnUpstream() {
        valid("  - restore: { node: s4, from: base, action: standby, upstream: primary }\n");
        valid("  - restore: { node: replica, action: standby, upstream: primary }\n");
    }

    @Test
    void actionStandbyNeedsAnUpstreamAtTheActionsPosition() {
        assertThat(problems("  - restore: { node: s4, from: base, action: standby }\n")).singleElement().asString()
                .startsWith("f.yaml:3:46").contains("needs 'upstream'");
    }

    @Test
    void actionStandbyTakesNoTargetAndSaysWhatToDoInstead() {
        assertThat(problems("  - restore: { node: s4, action: standby, upstream: primary, target: { time: "
                + "\"2026-01-01 00:00:00+00\" } }\n")).singleElement().asString()
                .startsWith("f.yaml:3:").contains("takes no target").contains("leave 'target' out");
    }

    @Test
    void anUpstreamNeedsActionStandbyAndIsNotTheNodeItself() {
        assertThat(problems("  - restore: { node: s4, upstream: primary }\n")).singleElement().asString()
                .startsWith("f.yaml:3:").contains("add 'action: standby'");
        assertThat(problems("  - restore: { node: replica, action: standby, upstream: replica }\n")).singleElement()
                .asString().startsWith("f.yaml:3:").contains("cannot stream from itself");
    }
}
