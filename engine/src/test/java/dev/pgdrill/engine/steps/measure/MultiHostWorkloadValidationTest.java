package dev.pgdrill.engine.steps.measure;

import dev.pgdrill.engine.testing.ScenarioText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What validate says about a multi-host {@code workload} and an {@code rto} without {@code on}, before anything runs. */
class MultiHostWorkloadValidationTest {
    private static final String STEPS = "steps:\n";

    private static void valid(String steps) {
        ScenarioText.valid(STEPS + steps);
    }

    private static List<String> problems(String steps) {
        return ScenarioText.problems(STEPS + steps);
    }

    @Test
    void aMultiHostReadWriteWorkloadAndAnRtoWithoutOnAreValid() {
        valid("  - workload: { on: [primary, replica], target-session-attrs: read-write, rate: 50 }\n"
                + "  - kill: { on: primary }\n"
                + "  - rto: { max-seconds: 30 }\n");
        valid("  - workload: { on: [primary, replica] }\n");
        valid("  - workload: { on: primary, target-session-attrs: primary }\n");
        valid("  - workload: { on: primary, serves: [replica], rate: 20 }\n");
        valid("  - workload: { on: [primary], serves: [replica] }\n");
    }

    @Test
    void refusesServesBesideAMultiHostOnAtServesWithTheFix() {
        assertThat(problems("  - workload: { on: [primary, replica], serves: [replica] }\n")).singleElement().asString()
                .startsWith("f.yaml:2:49").contains("'serves' is for a workload on one node")
                .contains("on: [primary, replica], target-session-attrs: read-write");
        assertThat(problems("  - workload: { on: primary, target-session-attrs: read-write, serves: [replica] }\n"))
                .singleElement().asString().startsWith("f.yaml:2:").contains("'serves' is for a workload on one node");
    }

    @Test
    void refusesSessionAttrsThatCannotWriteAndAnUnknownOneAtTheirPosition() {
        for (String attrs : List.of("read-only", "standby", "prefer-standby")) {
            assertThat(problems("  - workload: { on: [primary, replica], target-session-attrs: " + attrs + " }\n"))
                    .as(attrs).singleElement().asString().startsWith("f.yaml:2:63")
                    .contains("a workload writes: 'target-session-attrs' must be read-write, primary or any, found " + attrs);
        }
        assertThat(problems("  - workload: { on: [primary, replica], target-session-attrs: writable }\n")).singleElement()
                .asString().startsWith("f.yaml:2:63").contains("writable");
    }

    @Test
    void refusesANodeListedTwiceAndAnUndeclaredHost() {
        assertThat(problems("  - workload: { on: [primary, replica, primary] }\n")).singleElement().asString()
                .startsWith("f.yaml:2:").contains("'on' names a node twice");
        assertThat(problems("  - workload: { on: [primary, s9] }\n")).singleElement().asString()
                .startsWith("f.yaml:2:31").contains("no node 's9'");
    }
}
