package dev.pgdrill.engine.steps.faults;

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

/** What validate says about {@code start} as a standby before anything runs. */
class StartStepValidationTest {
    private static final String STEPS = "steps:\n";

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
    void aStoppedNodeMayStartAsAStandbyOfAnUpstreamOrOfTheArchiveAndMayBeExpectedToFail() {
        valid("  - start: { on: primary, standby: true, upstream: replica }\n");
        valid("  - start: { on: replica, standby: true }\n");
        valid("  - start: { on: primary, standby: true, upstream: replica, expect-failure: true }\n");
    }

    @Test
    void refusesAnUpstreamWithoutStandbyAtItsPosition() {
        assertThat(problems("  - start: { on: primary, upstream: replica }\n")).singleElement().asString()
                .startsWith("f.yaml:2:37").contains("'upstream'").contains("standby: true");
        assertThat(problems("  - start: { on: primary, standby: false, upstream: replica }\n")).singleElement()
                .asString().startsWith("f.yaml:2:").contains("standby: true");
    }

    @Test
    void refusesANodeAsItsOwnUpstreamAtItsPosition() {
        assertThat(problems("  - start: { on: replica, standby: true, upstream: replica }\n")).singleElement()
                .asString().startsWith("f.yaml:2:52").contains("cannot stream from itself");
    }

    @Test
    void refusesAnUndeclaredUpstream() {
        assertThat(problems("  - start: { on: primary, standby: true, upstream: s9 }\n")).singleElement().asString()
                .startsWith("f.yaml:2:").contains("s9");
    }
}
