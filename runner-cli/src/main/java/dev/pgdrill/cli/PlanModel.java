package dev.pgdrill.cli;

import dev.pgdrill.engine.model.DurationRange;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.run.Draws;
import dev.pgdrill.engine.scenario.Interpolator;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.step.StepType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A validated scenario as the plan a run would follow, worked out once for {@code plan}'s text
 * ({@link PlanPrinter}) and JSON ({@link PlanJson}): every step with its parameters resolved
 * ({@code ${vars.*}}, {@code ${env.*}}; step outputs as {@code <steps.ID.OUTPUT>} placeholders;
 * parameters with a secret name as {@link Redactor#MASK}; for a trial, the value each range draws in it), the
 * defaults it relies on, its deadline,
 * its outputs and the nodes it leaves. Values are not yet masked by value nor escaped: each output does that.
 */
final class PlanModel {
    private PlanModel() {
    }

    /** The nodes the drill's environment starts with: its declared topology's, none with a source. */
    static List<String> initialNodes(Scenario s) {
        return s.environmentSpec().initialNodes();
    }

    /**
     * A parameter of a step as planned.
     *
     * @param value     the resolved value (for a trial, the value its range draws), or the default's text when
     *                  {@code byDefault}
     * @param byDefault true when the step does not set it and relies on the default
     * @param range     the range the value is drawn from ({@code 200ms..3s}) in the drill's trial, or null
     */
    record PlannedParam(String name, Object value, boolean byDefault, String range) {
    }

    /**
     * @param timeout        the step's deadline
     * @param defaultTimeout true when it is the step type's default
     * @param outputs        the outputs later steps can use (sorted; empty without an id)
     * @param columnOutputs  true when the step also outputs one value per captured column
     * @param nodesAfter     the nodes after this step, or null when it does not change them
     */
    record PlannedStep(StepSpec spec, Duration timeout, boolean defaultTimeout, List<PlannedParam> params,
                       List<String> outputs, boolean columnOutputs, List<String> nodesAfter) {
    }

    record PlannedDrill(Scenario scenario, List<PlannedStep> steps, List<PlannedStep> finallySteps) {
    }

    static PlannedDrill of(StepRegistry registry, Function<String, String> environment, Scenario s) {
        Set<String> nodes = new LinkedHashSet<>(initialNodes(s));
        List<PlannedStep> steps = new ArrayList<>();
        for (StepSpec spec : s.steps()) {
            PlannedStep p = step(registry, environment, s, spec, nodes);
            nodes = p.nodesAfter() == null ? nodes : new LinkedHashSet<>(p.nodesAfter());
            steps.add(p);
        }
        List<PlannedStep> fin = new ArrayList<>();
        for (StepSpec spec : s.finallySteps()) {
            PlannedStep p = step(registry, environment, s, spec, nodes);
            nodes = p.nodesAfter() == null ? nodes : new LinkedHashSet<>(p.nodesAfter());
            fin.add(p);
        }
        return new PlannedDrill(s, steps, fin);
    }

    private static PlannedStep step(StepRegistry registry, Function<String, String> environment, Scenario s,
                                    StepSpec step, Set<String> nodes) {
        StepType<?> type = registry.find(step.type()).orElseThrow();
        Function<String, String> lookup = key -> lookup(s, environment, key);
        List<PlannedParam> params = new ArrayList<>();
        for (Param p : type.params()) {
            Object raw = step.params().get(p.name());
            if (raw != null && Redactor.secretName(p.name())) {
                params.add(new PlannedParam(p.name(), Redactor.MASK, false, null));
            } else if (raw != null) {
                params.add(drawn(s, step, p, Interpolator.resolve(raw, lookup)));
            } else if (p.defaultValue() != null) {
                params.add(new PlannedParam(p.name(), p.defaultValue(), true, null));
            }
        }
        List<String> outputs = List.of();
        boolean columns = false;
        if (step.id() != null) {
            Set<String> names = new TreeSet<>(type.outputs(step));
            columns = names.remove("*");
            outputs = List.copyOf(names);
        }
        Set<String> after;
        try {
            after = new LinkedHashSet<>(type.nodesAfter(step, Set.copyOf(nodes)));
        } catch (RuntimeException e) {
            after = nodes;
        }
        boolean byDefault = step.timeout() == null;
        return new PlannedStep(step, byDefault ? type.defaultTimeout() : step.timeout(), byDefault, params, outputs,
                columns, after.equals(nodes) ? null : List.copyOf(after));
    }

    /** The parameter with the value its range draws in the drill's trial, as the run draws it; else as resolved. */
    private static PlannedParam drawn(Scenario s, StepSpec step, Param p, Object value) {
        DurationRange range = s.trial() == null || p.type() != ParamType.DURATION || !DurationRange.looksLikeRange(value)
                ? null : DurationRange.parseOrNull((String) value);
        return range == null ? new PlannedParam(p.name(), value, false, null)
                : new PlannedParam(p.name(), Draws.value(s.trial(), step, p.name(), range), false, (String) value);
    }

    private static String lookup(Scenario s, Function<String, String> environment, String key) {
        if (key.startsWith("vars.")) {
            return s.vars().get(key.substring(5));
        }
        if (key.startsWith("env.")) {
            // the scenario's own lookup: it reads only the variables the operator allowed
            String v = s.environment().apply(key.substring(4));
            return v == null ? "<" + key + " unset>" : v;
        }
        return "<" + key + ">";
    }
}
