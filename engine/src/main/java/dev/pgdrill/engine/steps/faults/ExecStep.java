package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.ParamProblem;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code exec: {on: primary, command: [pg_controldata]}}: runs a command in a node's context (with
 * PGHOST, PGPORT, PGDATA, ... set). A list runs as is; a string runs through {@code sh -c}.
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
        super("exec", "Run a command in a node's context (escape hatch); a list runs as is, a string via sh -c", Params.class, "stdout", "stderr", "exit-code");
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
