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

/** What validate says about {@code follow} before anything runs. */
class FollowStepValidationTest {
    private static final String NODES = """
            environment:
              nodes: { primary: {}, s1: { follows: primary }, s2: { follows: s1 } }
            steps:
            """;

    private static List<String> problems(String step) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, () -> new ScenarioLoader(
                StepRegistry.load()).parse(Path.of("f.yaml"), (NODES + step).getBytes(StandardCharsets.UTF_8), Map.of()));
        assertThat(e).as("expected the scenario to be invalid").isNotNull();
        return e.problems().stream().map(Object::toString).toList();
    }

    @Test
    void aDeclaredStandbyMayFollowAnotherDeclaredNode() {
        new ScenarioLoader(StepRegistry.load()).parse(Path.of("f.yaml"),
                (NODES + "  - follow: { node: s2, upstream: primary }\n").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void refusesAStandbyFollowingItselfAMissingUpstreamAndAnUndeclaredNode() {
        assertThat(problems("  - follow: { node: s2, upstream: s2 }\n")).singleElement().asString()
                .startsWith("f.yaml:4:").contains("a standby cannot stream from itself");
        assertThat(problems("  - follow: { node: s2 }\n")).singleElement().asString().startsWith("f.yaml:4:")
                .contains("upstream");
        assertThat(problems("  - follow: { node: s2, upstream: replica }\n")).singleElement().asString()
                .startsWith("f.yaml:4:").contains("replica");
    }
}
