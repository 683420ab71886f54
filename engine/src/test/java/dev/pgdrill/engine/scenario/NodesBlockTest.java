package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Names;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.env.Topology.ArchiveMode;
import dev.pgdrill.engine.env.Topology.NodeDecl;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code environment: nodes:}: the declared topology, each node's options, and every mistake at its position. */
class NodesBlockTest {
    private static final Path FILE = Path.of("drills", "n.yaml");

    private static Scenario load(String nodes, String steps) {
        return LoaderFixture.LOADER.parse(FILE, ("environment:\n  nodes:\n" + nodes + "steps:\n" + steps)
                .getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static List<String> problems(String nodes, String steps) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, () -> load(nodes, steps));
        assertThat(e).as("expected the scenario to be invalid").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID);
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsTheNodesTheirUpstreamsAndOptions() {
        Topology t = load("""
                    primary: { settings: { synchronous_standby_names: "ANY 1 (s1, s2)" } }
                    s1: { follows: primary }
                    s2: { follows: s1 }
                    s3: { follows: primary, archive: false, archive-mode: always, settings: { hot_standby_feedback: on } }
                """, "  - echo: { text: hi, on: s3 }\n").environmentSpec().topology();
        assertThat(t.names()).containsExactly("primary", "s1", "s2", "s3");
        assertThat(t.node("primary").orElseThrow().settings())
                .containsExactly(Map.entry("synchronous_standby_names", "ANY 1 (s1, s2)"));
        assertThat(t.node("s2").orElseThrow().follows()).isEqualTo("s1");
        NodeDecl s3 = t.node("s3").orElseThrow();
        assertThat(s3.archive()).isFalse();
        assertThat(s3.archiveMode()).isEqualTo(ArchiveMode.ALWAYS);
        assertThat(s3.settings()).containsExactly(Map.entry("hot_standby_feedback", "on"));
        assertThat(t.node("s1").orElseThrow().hasOptions()).isFalse();
    }

    @Test
    void theDefaultShapeWrittenOutIsTheDefault() {
        EnvironmentSpec spec = load("    primary: {}\n    replica: { follows: primary }\n", "  - nap:\n")
                .environmentSpec();
        assertThat(spec.topology()).isEqualTo(Topology.DEFAULT);
        assertThat(spec.defaultServer()).isTrue();
    }

    @Test
    void stepsMayNameOnlyDeclaredNodes() {
        assertThat(problems("    primary: {}\n    s1: { follows: primary }\n", "  - echo: { text: hi, on: replica }\n"))
                .singleElement().asString().startsWith("drills/n.yaml:").contains("replica");
    }

    @Test
    void anUnknownUpstreamIsReportedAtItsValueWithASuggestion() {
        assertThat(problems("    primary: {}\n    s1: { follows: primry }\n", "  - nap:\n")).containsExactly(
                "drills/n.yaml:4:20: node 's1' follows 'primry', which is not declared (did you mean 'primary'?) "
                        + "(nodes: primary, s1)");
    }

    @Test
    void aCircleOfUpstreamsIsReportedAtOneOfItsNodes() {
        assertThat(problems("    primary: {}\n    a: { follows: b }\n    b: { follows: a }\n", "  - nap:\n"))
                .singleElement().asString().matches("drills/n\\.yaml:4:5: nodes follow each other in a circle: .*");
    }

    @Test
    void badNamesUnknownKeysReservedSettingsAndBadValuesAreEachReportedAtTheirPositions() {
        assertThat(problems("""
                    primary: { archive: false }
                    Bad-Name: { follows: primary }
                    s1: { follows: primary, archiv: false }
                    s2: { follows: primary, archive-mode: sometimes, settings: { archive_command: "cp %p /x" } }
                    s3: { follows: primary, archive: maybe }
                    s4: { follows: s4 }
                    s5: [primary]
                """, "  - nap:\n")).containsExactly(
                "drills/n.yaml:3:25: node 'primary' is a primary (it follows no node): 'archive: false' is for standbys "
                        + "(a primary always archives, the backup tool needs it)",
                "drills/n.yaml:4:5: " + Names.nodeProblem("Bad-Name"),
                "drills/n.yaml:5:29: unknown key 'archiv' in node 's1' (did you mean 'archive'?) (expected: follows, "
                        + "archive, archive-mode, settings)",
                "drills/n.yaml:6:43: node 's2': 'archive-mode' must be on or always, found 'sometimes'",
                "drills/n.yaml:6:66: " + EnvironmentSpec.badSettingName("archive_command"),
                "drills/n.yaml:7:38: node 's3': 'archive' must be true or false, found 'maybe'",
                "drills/n.yaml:8:20: node 's4' follows itself",
                "drills/n.yaml:9:9: node 's5' must be a mapping of its options (follows, archive, archive-mode, "
                        + "settings), e.g. '{ follows: primary }' or '{}' for a primary, found a list");
    }

    @Test
    void aCommandLineSettingReplacesTheNodesOwnOfThatName() {
        Scenario file = load("    primary: { settings: { work_mem: 8MB, synchronous_commit: local } }\n"
                + "    replica: { follows: primary }\n", "  - nap:\n");
        Scenario s = LoaderFixture.LOADER.withOverrides(file, new EnvironmentOverrides(null, null, List.of(),
                Map.of("work_mem", "16MB")));
        assertThat(s.environmentSpec().settings()).containsEntry("work_mem", "16MB");
        assertThat(s.environmentSpec().topology().node("primary").orElseThrow().settings())
                .containsExactly(Map.entry("synchronous_commit", "local"));
    }
}
