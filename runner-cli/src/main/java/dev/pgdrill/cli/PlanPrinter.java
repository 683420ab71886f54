package dev.pgdrill.cli;

import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.report.Printable;
import dev.pgdrill.engine.scenario.Interpolator;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.step.StepType;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prints a validated scenario as the plan a run would follow: every step with its resolved
 * parameters (and the defaults it relies on), its deadline, its outputs and the nodes it creates.
 * Secret values are masked and control characters escaped, as on the console of a run.
 */
final class PlanPrinter {
    private static final Set<String> INITIAL_NODES = new LinkedHashSet<>(List.of("primary", "replica"));
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
        out.println("drill '" + one(s.name()) + "' (" + Printable.line(String.valueOf(s.file())) + ")");
        if (!s.description().isBlank()) {
            out.println("  " + many(s.description().strip()).replace("\n", "\n  "));
        }
        out.println("  timeout " + Durations.format(s.timeout()) + "; nodes at start: " + String.join(", ", INITIAL_NODES));
        if (!s.vars().isEmpty()) {
            out.println("  vars:");
            new TreeMap<>(s.vars()).forEach((k, v) -> out.println("    " + one(k) + " = "
                    + (Redactor.secretName(k) ? Redactor.MASK : show(v)).replace("\n  ", "\n")));
        }
        Set<String> nodes = new LinkedHashSet<>(INITIAL_NODES);
        out.println("steps:");
        for (StepSpec step : s.steps()) {
            nodes = step(s, step, nodes);
        }
        if (!s.finallySteps().isEmpty()) {
            out.println("finally (always run):");
            for (StepSpec step : s.finallySteps()) {
                nodes = step(s, step, nodes);
            }
        }
        out.println("dry run: nothing was started or changed (" + ScenarioFiles.stepCounts(s) + ")");
    }

    private Set<String> step(Scenario s, StepSpec step, Set<String> nodes) {
        StepType<?> type = registry.find(step.type()).orElseThrow();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %2d. %s", step.index() + 1, step.type()));
        if (step.name() != null) {
            head.append(" '").append(one(step.name())).append('\'');
        }
        if (step.id() != null) {
            head.append(" [id: ").append(step.id()).append(']');
        }
        head.append("  timeout ").append(step.timeout() != null ? Durations.format(step.timeout())
                : Durations.format(type.defaultTimeout()) + " (default)");
        head.append("  at ").append(Printable.line(String.valueOf(step.location())));
        out.println(head);
        Function<String, String> lookup = key -> lookup(s, key);
        for (Param p : type.params()) {
            Object raw = step.params().get(p.name());
            if (raw != null) {
                Object value = Redactor.secretName(p.name()) ? Redactor.MASK : Interpolator.resolve(raw, lookup);
                out.println("        " + p.name() + ": " + show(value));
            } else if (p.defaultValue() != null) {
                out.println("        " + p.name() + ": " + p.defaultValue() + " (default)");
            }
        }
        if (step.id() != null) {
            Set<String> outputs = new TreeSet<>(type.outputs(step));
            boolean open = outputs.remove("*");
            if (!outputs.isEmpty() || open) {
                out.println("        outputs: " + outputs.stream().map(o -> "${steps." + step.id() + "." + o + "}")
                        .collect(Collectors.joining(", ")) + (open ? (outputs.isEmpty() ? "" : ", ")
                        + "${steps." + step.id() + ".<column>} for each captured column" : ""));
            }
        }
        Set<String> after;
        try {
            after = new LinkedHashSet<>(type.nodesAfter(step, Set.copyOf(nodes)));
        } catch (RuntimeException e) {
            after = nodes;
        }
        if (!after.equals(nodes)) {
            out.println("        nodes after this step: " + after.stream().map(this::one).collect(Collectors.joining(", ")));
        }
        return after;
    }

    private String lookup(Scenario s, String key) {
        if (key.startsWith("vars.")) {
            return s.vars().get(key.substring(5));
        }
        if (key.startsWith("env.")) {
            String v = environment.apply(key.substring(4));
            return v == null ? "<" + key + " unset>" : v;
        }
        return "<" + key + ">";
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
