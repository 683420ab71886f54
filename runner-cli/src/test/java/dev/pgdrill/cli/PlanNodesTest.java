package dev.pgdrill.cli;

import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.StepRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlanNodesTest {
    @Test
    void thePlanNamesTheNodesTheDrillDeclares() {
        Topology cascade = new Topology(List.of(Topology.NodeDecl.primary("primary"),
                Topology.NodeDecl.standby("s2", "s1").withOptions(false, Topology.ArchiveMode.ALWAYS,
                        Map.of("hot_standby_feedback", "on")), Topology.NodeDecl.standby("s1", "primary")));
        Scenario s = new Scenario(Path.of("cascade.yaml"), "cascade", "", Map.of(), List.of(), List.of(),
                Duration.ofMinutes(1), null, null, Set.of(), EnvironmentSpec.defaults().withTopology(cascade));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new PlanPrinter(StepRegistry.load(), k -> null, new PrintStream(out, true, StandardCharsets.UTF_8)).print(s);

        assertThat(PlanModel.initialNodes(s)).containsExactly("primary", "s2", "s1");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("nodes at start: primary, s2, s1")
                .contains("declared nodes: primary, s2 follows s1 (archive: false; archive-mode: always; settings: "
                        + "hot_standby_feedback), s1 follows primary");
        List<?> drills = (List<?>) PlanJson.document(List.of(PlanModel.of(StepRegistry.load(), k -> null, s)))
                .get("drills");
        assertThat(((Map<?, ?>) drills.get(0)).get("nodes")).isEqualTo(List.of("primary", "s2", "s1"));
    }
}
