package dev.pgdrill.cli;

import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.report.Printable;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.StepRegistry;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prints a validated scenario as the plan a run would follow: every step with its resolved
 * parameters (and the defaults it relies on), its deadline, its outputs and the nodes it creates.
 * Secret values are masked and control characters escaped, as on the console of a run.
 */
final class PlanPrinter {
    private final StepRegistry registry;
    private final Function<String, String> environment;
    private final PrintStream out;
    private Redactor secrets = new Redactor();

    PlanPrinter(StepRegistry registry, Function<String, String> environment, PrintStream out) {
        this.registry = registry;
        this.environment = environment;
        this.out = out;
    }

    void print(Scenario s) {
        secrets = s.secrets();
        PlanModel.PlannedDrill plan = PlanModel.of(registry, environment, s);
        out.println("drill '" + one(s.name()) + "' (" + Printable.line(String.valueOf(s.file())) + ")");
        if (!s.description().isBlank()) {
            out.println("  " + many(s.description().strip()).replace("\n", "\n  "));
        }
        out.println("  timeout " + Durations.format(s.timeout()) + "; nodes at start: "
                + String.join(", ", PlanModel.initialNodes(s)));
        if (!s.environmentSpec().topology().equals(Topology.DEFAULT)) {
            out.println("  declared nodes: " + one(s.environmentSpec().topology().toString()));
        }
        if (s.environmentSpec().hasSource()) {
            out.println("  source (read only): " + one(s.environmentSpec().source().describe()));
        }
        if (s.trial() != null) {
            out.println("  " + s.trial().label() + " of seed " + s.trial().runSeed()
                    + ": each range shows the value this trial draws");
        }
        if (!s.vars().isEmpty()) {
            out.println("  vars:");
            new TreeMap<>(s.vars()).forEach((k, v) -> out.println("    " + one(k) + " = "
                    + (Redactor.secretName(k) ? Redactor.MASK : show(v)).replace("\n  ", "\n")));
        }
        out.println("steps:");
        plan.steps().forEach(this::step);
        if (!plan.finallySteps().isEmpty()) {
            out.println("finally (always run):");
            plan.finallySteps().forEach(this::step);
        }
        out.println("dry run: nothing was started or changed (" + ScenarioFiles.stepCounts(s) + ")");
    }

    private void step(PlanModel.PlannedStep planned) {
        StepSpec step = planned.spec();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %2d. %s", step.index() + 1, step.type()));
        if (step.name() != null) {
            head.append(" '").append(one(step.name())).append('\'');
        }
        if (step.id() != null) {
            head.append(" [id: ").append(step.id()).append(']');
        }
        head.append("  timeout ").append(Durations.format(planned.timeout()))
                .append(planned.defaultTimeout() ? " (default)" : "");
        head.append("  at ").append(Printable.line(String.valueOf(step.location())));
        out.println(head);
        for (PlanModel.PlannedParam p : planned.params()) {
            out.println("        " + p.name() + ": " + (p.byDefault() ? p.value() + " (default)" : show(p.value()))
                    + (p.range() == null ? "" : " (drawn from " + show(p.range()) + ")"));
        }
        List<String> outputs = planned.outputs();
        if (!outputs.isEmpty() || planned.columnOutputs()) {
            out.println("        outputs: " + outputs.stream().map(o -> "${steps." + step.id() + "." + o + "}")
                    .collect(Collectors.joining(", ")) + (planned.columnOutputs() ? (outputs.isEmpty() ? "" : ", ")
                    + "${steps." + step.id() + ".<column>} for each captured column" : ""));
        }
        if (planned.nodesAfter() != null) {
            out.println("        nodes after this step: " + planned.nodesAfter().stream().map(this::one)
                    .collect(Collectors.joining(", ")));
        }
    }

    /**
     * A value on one line per line of text; lists and mappings in YAML flow style; masked (values
     * under secret keys entirely), control characters escaped.
     */
    String show(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> one(String.valueOf(e.getKey())) + ": "
                            + (Redactor.secretName(String.valueOf(e.getKey())) ? Redactor.MASK : show(e.getValue())))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof List<?> l) {
            return l.stream().map(this::show).collect(Collectors.joining(", ", "[", "]"));
        }
        String text = many(String.valueOf(v).strip());
        return text.replace("\n", "\n          ");
    }

    /** Within one line: masked, every control character (newlines too) escaped. */
    private String one(String text) {
        return Printable.line(secrets.mask(text));
    }

    /** Text whose newlines are meant: masked, other control characters escaped. */
    private String many(String text) {
        return Printable.text(secrets.mask(text));
    }
}
