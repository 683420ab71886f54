package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.testing.ScenarioText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What validate says about {@code start} as a standby before anything runs. */
class StartStepValidationTest {
    private static final String STEPS = "steps:\n";

    private static void valid(String step) {
        ScenarioText.valid(STEPS + step);
    }

    private static List<String> problems(String step) {
        return ScenarioText.problems(STEPS + step);
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
