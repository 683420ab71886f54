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

/** What validate says about {@code rejoin} before anything runs. */
class RejoinStepValidationTest {
    private static final String STEPS = "steps:\n";

    private static List<String> problems(String step) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, () -> new ScenarioLoader(
                StepRegistry.load()).parse(Path.of("f.yaml"), (STEPS + step).getBytes(StandardCharsets.UTF_8), Map.of()));
        assertThat(e).as("expected the scenario to be invalid").isNotNull();
        return e.problems().stream().map(Object::toString).toList();
    }

    @Test
    void theOldPrimaryMayRejoinTheReplicaByEachMethod() {
        for (String method : List.of("rewind", "rebuild", "auto")) {
            new ScenarioLoader(StepRegistry.load()).parse(Path.of("f.yaml"), (STEPS
                    + "  - rejoin: { node: primary, upstream: replica, method: " + method + " }\n")
                    .getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    @Test
    void refusesANodeRejoiningItselfAnUnknownMethodAMissingUpstreamAndAnUndeclaredNode() {
        assertThat(problems("  - rejoin: { node: primary, upstream: primary }\n")).singleElement().asString()
                .startsWith("f.yaml:2:").contains("a node cannot stream from itself");
        assertThat(problems("  - rejoin: { node: primary, upstream: replica, method: resync }\n")).singleElement()
                .asString().startsWith("f.yaml:2:").contains("resync");
        assertThat(problems("  - rejoin: { node: primary }\n")).singleElement().asString().startsWith("f.yaml:2:")
                .contains("upstream");
        assertThat(problems("  - rejoin: { node: old, upstream: replica }\n")).singleElement().asString()
                .startsWith("f.yaml:2:").contains("old");
    }
}
