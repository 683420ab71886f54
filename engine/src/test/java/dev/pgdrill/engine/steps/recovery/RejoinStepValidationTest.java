package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.testing.ScenarioText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What validate says about {@code rejoin} before anything runs. */
class RejoinStepValidationTest {
    private static final String STEPS = "steps:\n";

    private static List<String> problems(String step) {
        return ScenarioText.problems(STEPS + step);
    }

    @Test
    void theOldPrimaryMayRejoinTheReplicaByEachMethod() {
        for (String method : List.of("rewind", "rebuild", "auto")) {
            ScenarioText.valid(STEPS
                    + "  - rejoin: { node: primary, upstream: replica, method: " + method + " }\n");
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
