package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the steps in the order they will run and checks what depends on that order: parameter
 * types, references to variables and earlier steps, node names (the nodes that exist change as
 * steps add them), and the step types' own {@code validate} hooks.
 */
final class StepChecker {
    private final Problems problems;
    private final References references;
    private final ParamChecker params;
    private final List<String> initialNodes;

    /** A checker for a drill whose environment starts with {@link Topology#DEFAULT}. */
    StepChecker(Problems problems, References references) {
        this(problems, references, Topology.DEFAULT);
    }

    /** @param topology the nodes the drill's environment starts with (its {@link EnvironmentSpec#topology()}) */
    StepChecker(Problems problems, References references, Topology topology) {
        this(problems, references, topology.names());
    }

    /** @param initialNodes the nodes that exist when the drill's first step runs */
    StepChecker(Problems problems, References references, List<String> initialNodes) {
        this.initialNodes = List.copyOf(initialNodes);
        this.problems = problems;
        this.references = references;
        this.params = new ParamChecker(references, problems);
    }

    /** @param inOrder the main steps, then the finally steps */
    void check(List<StepDraft> inOrder) {
        Set<String> nodes = new LinkedHashSet<>(initialNodes);
        for (StepDraft d : inOrder) {
            nodes = check(d, nodes);
        }
    }

    private Set<String> check(StepDraft d, Set<String> nodes) {
        if (d.type == null || !d.paramsReadable) {
            return nodes;
        }
        int before = problems.size();
        for (Map.Entry<String, YamlNode> e : d.params.entrySet()) {
            Param p = StepReader.param(d.type, e.getKey()).orElseThrow();
            references.check(d, p.name(), e.getValue(), problems);
            if (p.type() == ParamType.SQL || p.type() == ParamType.SQL_STATEMENTS) {
                references.checkSqlText(d, p.name(), e.getValue(), problems);
            }
            params.check(d, p, e.getValue(), nodes);
        }
        StepSpec spec = d.toSpec();
        if (problems.size() == before && d.problems == 0) {
            try {
                d.type.validate(spec, (where, message) -> problems.add(where, d.label() + ": " + message));
            } catch (RuntimeException e) {
                problems.add(d.node.location(), d.label() + ": the step type could not check its parameters ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }
        try {
            Set<String> after = d.type.nodesAfter(spec, Set.copyOf(nodes));
            return after == null ? nodes : new LinkedHashSet<>(after);
        } catch (RuntimeException e) {
            return nodes;
        }
    }
}
