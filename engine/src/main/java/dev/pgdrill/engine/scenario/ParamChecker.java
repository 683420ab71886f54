package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.env.Leader;
import dev.pgdrill.engine.env.Names;
import dev.pgdrill.engine.model.DurationRange;
import dev.pgdrill.engine.model.Placeholders;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;

import java.util.Set;
import java.util.TreeSet;

/**
 * Checks one parameter value against its declared {@link ParamType}. A text value made only of
 * references known at load time ({@code ${vars.x}}, {@code ${env.X}}) is resolved first and the
 * result is checked; values that depend on step outputs are checked when the step runs.
 */
final class ParamChecker {
    private final References references;
    private final Problems problems;

    ParamChecker(References references, Problems problems) {
        this.references = references;
        this.problems = problems;
    }

    /** Checks {@code value} of {@code p} in {@code step}; {@code nodes} are those that exist at this step. */
    void check(StepDraft step, Param p, YamlNode value, Set<String> nodes) {
        String where = step.label() + ": parameter '" + p.name() + "': ";
        if (value instanceof YamlNode.Scalar s && s.alias()) {
            return; // already reported: aliases are refused
        }
        if (value instanceof YamlNode.Scalar s && s.isNull()) {
            problems.add(value.location(), where + "expected " + p.expected() + ", found nothing"
                    + (p.required() ? "" : " (leave the parameter out to use its default)"));
            return;
        }
        boolean shapeFits = switch (p.type()) {
            case ANY -> true;
            case MAP -> value instanceof YamlNode.Mapping;
            case LIST -> !(value instanceof YamlNode.Mapping);
            case SQL_STATEMENTS, NODES -> value instanceof YamlNode.Scalar || value instanceof YamlNode.Sequence seq
                    && !seq.items().isEmpty() && seq.items().stream().allMatch(i -> i instanceof YamlNode.Scalar sc
                    && !sc.isNull() && !sc.alias());
            default -> value instanceof YamlNode.Scalar;
        };
        if (!shapeFits) {
            problems.add(value.location(), where + "expected " + p.expected() + ", found " + YamlNode.describe(value));
            return;
        }
        if (p.type() == ParamType.NODES && value instanceof YamlNode.Sequence names) {
            names.items().forEach(name -> check(step, new Param(p.name(), ParamType.NODE, p.required(), p.description(),
                    p.allowed(), p.defaultValue()), name, nodes));
            return;
        }
        if (p.type() == ParamType.ANY || p.type() == ParamType.MAP || p.type() == ParamType.LIST
                || value instanceof YamlNode.Sequence) {
            return; // what is inside is the step's to check
        }
        YamlNode.Scalar scalar = (YamlNode.Scalar) value;
        Object raw = scalar.value();
        Object given = raw;
        if (raw instanceof String s && Placeholders.mentions(s)) {
            given = references.staticText(s);
            if (given == null) {
                return; // known only at run time, or a bad reference reported by References
            }
        }
        boolean range = p.type() == ParamType.DURATION ? DurationRange.looksLikeRange(given) : DurationRange.rangeLike(given);
        String problem = range ? rangeProblem(p, (String) given) : problem(p, given, nodes);
        if (problem != null) {
            String found = given == raw ? YamlNode.describe(scalar)
                    : YamlNode.describe(scalar) + " (= '" + YamlNode.abbreviate((String) given) + "')";
            problems.add(scalar.location(), where + problem.replace("{found}", found));
        }
    }

    /** A range ({@code 200ms..3s}) stands for a duration drawn at run time: only a duration takes one. */
    private static String rangeProblem(Param p, String text) {
        if (p.type() != ParamType.DURATION) {
            return "a range (low..high) is only for a duration, and this parameter expects " + p.expected()
                    + ", found {found}";
        }
        String why = DurationRange.problem(text);
        return why == null ? null : "expected a duration or a range of durations: " + why + ", found {found}";
    }

    /** @return a message with a {found} placeholder, or null when the value is fine */
    private static String problem(Param p, Object value, Set<String> nodes) {
        String text = String.valueOf(value);
        String t = text.trim();
        String plain = "expected " + p.expected() + ", found {found}";
        switch (p.type()) {
            case NODE_NAME:
                return Names.nodeProblem(text);
            case BACKUP:
                return Names.backupProblem(text);
            case NODE, NODES:
                if (nodes.contains(t) || Leader.isRole(t)) {
                    return null;
                }
                return "no node '" + t + "' at this point of the drill" + DidYouMean.hint(t, nodes)
                        + " (nodes: " + String.join(", ", new TreeSet<>(nodes)) + ")";
            case NUMBER:
                if (value instanceof Double d && !Double.isFinite(d)) {
                    return "expected a finite number, found {found}";
                }
                break;
            default:
                break;
        }
        if (p.parse(value) != null) {
            return null;
        }
        if (p.type() == ParamType.DURATION && value instanceof Number) {
            return plain + "; add a unit, e.g. '" + t + "s'";
        }
        return p.type() == ParamType.ENUM ? plain + DidYouMean.hint(t, p.allowed()) : plain;
    }
}
