package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.ChildEnv;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.model.Placeholders;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.step.ParamProblem;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * {@code exec: {on: primary, command: [pg_controldata]}}: runs a command in a node's context (with
 * PGHOST, PGPORT, PGDATA, ... set). A list runs as is; a string runs through {@code sh -c}.
 *
 * <p>A value never becomes shell code: a {@code ${...}} reference in shell text (a string command, or the
 * script after {@code -c} of a shell named in a list) is refused at validate, with the way to pass it as
 * an environment variable ({@code env:}) or an argument instead. {@code env:} may not set a variable that
 * changes how programs load or shells start ({@link ChildEnv#refusal}).
 */
public final class ExecStep extends StepType<ExecStep.Params> {
    record Params(@StepParam(value = "node whose context the command runs in", required = true, type = ParamType.NODE) String on,
                  @StepParam(value = "command: a list of arguments, or a string run by sh -c", required = true) Object command,
                  @StepParam(value = "extra environment variables") Map<String, Object> env,
                  @StepParam(value = "exit code the command must return", dflt = "0") long expectExit) {
        Params {
            ParamProblem.require(!(command instanceof Map<?, ?>) && !(command instanceof List<?> l && l.isEmpty())
                            && !(command instanceof String s && s.isBlank()), "command",
                    "'command' must be a non-empty list of arguments or a shell command string");
        }
    }

    public ExecStep() {
        super("exec", "Run a command in a node's context (escape hatch); a list runs as is, a string via sh -c", Params.class,
                StepOutput.of("stdout", "what the command wrote to standard output, without surrounding blank space"),
                StepOutput.of("stderr", "what it wrote to standard error, the same way"),
                StepOutput.of("exit-code", "the command's exit status"));
    }

    @Override
    protected void checkCombination(StepSpec spec, ValidationSink problems) {
        String script = shellText(spec.params().get("command"));
        if (script != null) {
            Matcher m = Placeholders.REFERENCE.matcher(script);
            while (m.find()) {
                String text = m.group(1);
                String var = variableFor(text);
                problems.problem(spec.locationOf("command"), "parameter 'command': ${" + text + "} in shell text: "
                        + "a value never becomes shell code; pass it as an environment variable and quote it where "
                        + "it is used (env: { " + var + ": \"${" + text + "}\" } and \"$" + var + "\" in the "
                        + "command), or write the command as a list of arguments (command: [program, \"${" + text
                        + "}\"]), which runs without a shell");
            }
        }
        if (spec.params().get("env") instanceof Map<?, ?> env) {
            for (Object name : env.keySet()) {
                String why = ChildEnv.refusal(String.valueOf(name));
                if (why != null) {
                    problems.problem(spec.locationOf("env"), "parameter 'env': " + why);
                }
            }
        }
    }

    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "ash", "mksh", "busybox");

    /** The text a shell runs as code: a string command, or the script after a shell's {@code -c} in a list. */
    private static String shellText(Object command) {
        if (command instanceof String s) {
            return s;
        }
        if (!(command instanceof List<?> l) || l.isEmpty()) {
            return null;
        }
        String program = String.valueOf(l.get(0));
        if (!SHELLS.contains(program.substring(program.lastIndexOf('/') + 1))) {
            return null;
        }
        for (int i = 1; i < l.size() - 1; i++) {
            String a = String.valueOf(l.get(i));
            if (a.startsWith("-") && !a.startsWith("--") && a.indexOf('c') > 0) {
                return String.valueOf(l.get(i + 1));
            }
        }
        return null;
    }

    /** An environment variable name to suggest for the reference {@code text}, one a drill may set. */
    private static String variableFor(String text) {
        String last = text.substring(text.lastIndexOf('.') + 1).trim();
        String name = last.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]+", "_");
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            name = "VALUE";
        }
        return ChildEnv.refusal(name) == null ? name : "DRILL_" + name;
    }

    @Override
    protected void run(StepContext ctx, Params p) {
        Node node = ctx.node(p.on());
        List<String> command = p.command() instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : List.of("sh", "-c", String.valueOf(p.command()));
        Map<String, String> env = new LinkedHashMap<>();
        p.env().forEach((k, v) -> env.put(k, String.valueOf(v)));
        ExecResult r = node.exec(command, env, ctx.remaining());
        ctx.output("stdout", r.stdout().strip());
        ctx.output("stderr", r.stderr().strip());
        ctx.output("exit-code", r.exitCode());
        long expected = p.expectExit();
        if (r.exitCode() != expected) {
            String err = r.stderr().isBlank() ? "" : "; stderr: " + tail(r.stderr());
            throw new StepFailure("command " + command + " on '" + node.name() + "' exited with " + r.exitCode()
                    + ", expected " + expected + err);
        }
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() <= 400 ? t : "..." + t.substring(t.length() - 400);
    }
}
