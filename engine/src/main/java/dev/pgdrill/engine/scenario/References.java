package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.model.Placeholders;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks {@code ${vars.x}}, {@code ${env.X}} and {@code ${steps.<id>.<output>}} references before
 * anything runs, and resolves the ones that are known at load time (vars and env). In SQL text
 * ({@link dev.pgdrill.engine.step.ParamType#SQL}) a reference may name only a variable written in the
 * scenario file and not overridden on the command line: nothing from outside the file becomes SQL.
 */
final class References {
    private static final List<String> SCOPES = List.of("vars", "env", "steps");
    private static final Pattern NOT_NAME = Pattern.compile("[^a-z0-9_]+");
    private final Map<String, String> vars;
    private final Set<String> fileVars;
    private final Function<String, String> environment;
    private final EnvAllowlist allowEnv;
    private final Map<String, StepDraft> stepsById;

    References(Map<String, String> vars, Function<String, String> environment, EnvAllowlist allowEnv,
               Map<String, StepDraft> stepsById) {
        this(vars, vars.keySet(), environment, allowEnv, stepsById);
    }

    /**
     * @param vars     every variable, after {@code --var}
     * @param fileVars the variables whose value is written in the file ({@code vars:}) and not
     *                 overridden by {@code --var}: the only ones that may become SQL text
     * @param allowEnv the environment variables a drill may read
     */
    References(Map<String, String> vars, Set<String> fileVars, Function<String, String> environment,
               EnvAllowlist allowEnv, Map<String, StepDraft> stepsById) {
        this.vars = vars;
        this.fileVars = Set.copyOf(fileVars);
        this.environment = environment;
        this.allowEnv = allowEnv;
        this.stepsById = stepsById;
    }

    /**
     * The text with vars and env references substituted, or null when it holds a reference that is
     * only known at run time (steps), an undefined one, or a malformed one.
     */
    String staticText(String text) {
        if (!Placeholders.mentions(text)) {
            return text;
        }
        if (Placeholders.unclosed(text)) {
            return null;
        }
        try {
            return Interpolator.resolveText(text, key -> {
                if (key.startsWith("vars.")) {
                    return vars.get(key.substring(5));
                }
                if (key.startsWith("env.")) {
                    return environment.apply(key.substring(4));
                }
                return null;
            });
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Reports every bad reference in {@code value} (recursively), used by {@code user} in {@code param}. */
    void check(StepDraft user, String param, YamlNode value, Problems problems) {
        if (value instanceof YamlNode.Sequence s) {
            s.items().forEach(i -> check(user, param, i, problems));
        } else if (value instanceof YamlNode.Mapping m) {
            m.entries().forEach(e -> check(user, param, e.value(), problems));
        } else if (value instanceof YamlNode.Scalar sc && sc.value() instanceof String text && Placeholders.mentions(text)) {
            String where = user.label() + ": parameter '" + param + "': ";
            if (Placeholders.unclosed(text)) {
                problems.add(sc.location(), where + "unclosed '${' in '" + YamlNode.abbreviate(text)
                        + "': expected ${vars.NAME}, ${env.NAME} or ${steps.ID.OUTPUT} (write $${ for a literal ${)");
            }
            for (Interpolator.Reference r : Interpolator.references(text)) {
                String problem = problem(user, r);
                if (problem != null) {
                    problems.add(sc.location(), where + "${" + r.text() + "}: " + problem);
                }
            }
        }
    }

    /**
     * Reports every reference in SQL text {@code value} whose value comes from outside the scenario
     * file (a {@code --var}, an environment variable, a step output), with the way to bind it.
     */
    void checkSqlText(StepDraft user, String param, YamlNode value, Problems problems) {
        if (value instanceof YamlNode.Sequence statements) {
            statements.items().forEach(item -> checkSqlText(user, param, item, problems));
            return;
        }
        if (!(value instanceof YamlNode.Scalar sc) || !(sc.value() instanceof String text) || !Placeholders.mentions(text)) {
            return;
        }
        for (Interpolator.Reference r : Interpolator.references(text)) {
            String rest = String.join(".", r.path());
            String source = switch (r.scope()) {
                case "vars" -> vars.containsKey(rest) && !fileVars.contains(rest)
                        ? "variable '" + rest + "' is set on the command line (--var " + rest + "=...)" : null;
                case "env" -> rest.isEmpty() ? null : "an environment variable";
                case "steps" -> r.path().size() < 2 ? null : "a step output";
                default -> null;
            };
            if (source == null) {
                continue;
            }
            String name = paramName(r.path().get(r.path().size() - 1));
            problems.add(sc.location(), user.label() + ": parameter '" + param + "': ${" + r.text() + "} in SQL text: "
                    + source + ", and a value from outside the scenario file never becomes SQL text; bind it: write :"
                    + name + " in the SQL and add params: { " + name + ": \"${" + r.text() + "}\" } (or :'" + name
                    + "' for a quoted literal, :\"" + name + "\" for a quoted identifier, where SQL takes no bind parameter)");
        }
    }

    /** A bind parameter name for a suggestion: lower case letters, digits and underscores. */
    private static String paramName(String from) {
        String n = NOT_NAME.matcher(from.toLowerCase(Locale.ROOT)).replaceAll("_");
        return n.isEmpty() || !Character.isLetter(n.charAt(0)) && n.charAt(0) != '_' ? "value" : n;
    }

    private String problem(StepDraft user, Interpolator.Reference r) {
        if (r.scope().isEmpty()) {
            return "malformed reference: expected ${vars.NAME}, ${env.NAME} or ${steps.ID.OUTPUT}";
        }
        String rest = String.join(".", r.path());
        switch (r.scope()) {
            case "vars":
                if (rest.isEmpty()) {
                    return "missing the variable name after 'vars.'";
                }
                return vars.containsKey(rest) ? null : "variable '" + rest + "' is not defined"
                        + DidYouMean.hint(rest, vars.keySet()) + "; define it under 'vars:' or pass --var " + rest + "=...";
            case "env":
                if (rest.isEmpty()) {
                    return "missing the environment variable name after 'env.'";
                }
                if (!allowEnv.allows(rest)) {
                    return "environment variable '" + rest + "' is not allowed: a drill reads only the variables the "
                            + "operator allows; allow it with --allow-env " + rest + " (or " + EnvAllowlist.VARIABLE + "="
                            + rest + "; in the JUnit engine, the configuration parameter pgdrill.allow-env=" + rest + ")";
                }
                return environment.apply(rest) != null ? null
                        : "environment variable '" + rest + "' is not set; set it before running the drill";
            case "steps":
                return stepProblem(user, r.path());
            default:
                return "unknown reference kind '" + r.scope() + "'" + DidYouMean.hint(r.scope(), SCOPES)
                        + ": expected ${vars.NAME}, ${env.NAME} or ${steps.ID.OUTPUT}";
        }
    }

    private String stepProblem(StepDraft user, List<String> path) {
        if (path.size() < 2 || path.get(0).isEmpty() || path.get(1).isEmpty()) {
            return "expected ${steps.ID.OUTPUT}: the id of an earlier step and the name of one of its outputs";
        }
        String id = path.get(0);
        String output = String.join(".", path.subList(1, path.size()));
        StepDraft target = stepsById.get(id);
        if (target == null) {
            if (stepsById.isEmpty()) {
                return "no step has id '" + id + "'; give the step whose output you need 'id: " + id + "'";
            }
            return "no step has id '" + id + "'" + DidYouMean.hint(id, stepsById.keySet());
        }
        if (target == user) {
            return "a step cannot use its own outputs";
        }
        if (!target.runsBefore(user)) {
            return "step '" + id + "' (" + target.label() + ") runs after this one; only outputs of earlier steps exist here";
        }
        if (target.type == null) {
            return null;
        }
        TreeSet<String> outputs;
        try {
            outputs = new TreeSet<>(target.type.outputs(target.toSpec()));
        } catch (RuntimeException e) {
            return null; // the step's own parameters are wrong; that is reported for that step
        }
        if (outputs.contains(output) || outputs.contains("*")) {
            return null;
        }
        if (outputs.isEmpty()) {
            return "step '" + id + "' (" + target.typeKey + ") publishes no outputs";
        }
        return "step '" + id + "' (" + target.typeKey + ") has no output '" + output + "'"
                + DidYouMean.hint(output, outputs) + " (outputs: " + String.join(", ", outputs) + ")";
    }
}
