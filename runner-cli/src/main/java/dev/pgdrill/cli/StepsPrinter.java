package dev.pgdrill.cli;

import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.report.Printable;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepType;

import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The step vocabulary for people, generated from the step types (one place for each fact). */
final class StepsPrinter {
    private final PrintStream out;

    StepsPrinter(PrintStream out) {
        this.out = out;
    }

    void print(Collection<StepType<?>> types, boolean all) {
        if (all) {
            out.println(Words.plural(types.size(), "step type") + "; each step is one list item: "
                    + "'- TYPE: {PARAM: VALUE, ...}' plus optional id, name, timeout");
        }
        for (StepType<?> t : types) {
            out.println();
            out.println(Printable.line(t.key()) + " - " + Printable.line(t.description()));
            int nameWidth = t.params().stream().mapToInt(p -> p.name().length()).max().orElse(0);
            int typeWidth = t.params().stream().mapToInt(p -> type(p).length()).max().orElse(0);
            int reqWidth = t.params().stream().mapToInt(p -> requirement(p).length()).max().orElse(0);
            for (Param p : t.params()) {
                out.println(String.format(Locale.ROOT, "    %-" + nameWidth + "s  %-" + typeWidth + "s  %-" + reqWidth
                        + "s  %s", Printable.line(p.name()), Printable.line(type(p)), Printable.line(requirement(p)),
                        Printable.line(p.description())).stripTrailing());
            }
            if (t.params().isEmpty()) {
                out.println("    (no parameters)");
            }
            if (t.shorthand() != null) {
                out.println("    shorthand: '" + t.key() + ": VALUE' sets '" + t.shorthand() + "'");
            }
            List<StepOutput> outputs = t.outputDescriptions();
            if (!outputs.isEmpty()) {
                out.println("    outputs (use as ${steps.ID.OUTPUT}):");
                int width = outputs.stream().mapToInt(o -> o.name().length()).max().orElse(0);
                for (StepOutput o : outputs) {
                    out.println(String.format(Locale.ROOT, "      %-" + width + "s  %s", Printable.line(o.name()),
                            Printable.line(o.description())));
                }
            }
            out.println("    default timeout: " + Durations.format(t.defaultTimeout()));
        }
    }

    private static String type(Param p) {
        if (p.type() == ParamType.ENUM) {
            return String.join("|", p.allowed());
        }
        return p.type().name().toLowerCase(Locale.ROOT);
    }

    private static String requirement(Param p) {
        if (p.required()) {
            return "required";
        }
        return p.defaultValue() == null ? "optional" : "default: " + p.defaultValue();
    }
}
