package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.scenario.InvalidScenarioException;
import dev.pgdrill.engine.scenario.ScenarioLoader;
import dev.pgdrill.engine.step.StepRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What validate says about {@code restore} with {@code action: standby} before anything runs. */
class RestoreStandbyValidationTest {
    private static final String STEPS = "steps:\n  - backup: { name: base }\n";

    private static void valid(String step) {
        new ScenarioLoader(StepRegistry.load()).parse(Path.of("f.yaml"), (STEPS + step).getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    private static List<String> problems(String step) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, () -> new ScenarioLoader(
                StepRegistry.load()).parse(Path.of("f.yaml"), (STEPS + step).getBytes(StandardCharsets.UTF_8), Map.of()));
        assertThat(e).as("expected the scenario to be invalid").isNotNull();
        return e.problems().stream().map(Object::toString).toList();
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
