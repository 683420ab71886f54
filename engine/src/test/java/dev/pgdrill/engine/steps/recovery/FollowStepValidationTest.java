package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.testing.ScenarioText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What validate says about {@code follow} before anything runs. */
class FollowStepValidationTest {
    private static final String NODES = """
            environment:
              nodes: { primary: {}, s1: { follows: primary }, s2: { follows: s1 } }
            steps:
            """;

    private static List<String> problems(String step) {
        return ScenarioText.problems(NODES + step);
    }

    @Test
    void aDeclaredStandbyMayFollowAnotherDeclaredNode() {
        ScenarioText.valid(NODES + "  - follow: { node: s2, upstream: primary }\n");
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
