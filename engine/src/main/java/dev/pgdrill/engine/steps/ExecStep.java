package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.scenario.StepSpec;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code exec: {on: primary, command: [pg_controldata]}}: runs a command in a node's context (with
 * PGHOST, PGPORT, PGDATA, ... set). A list runs as is; a string runs through {@code sh -c}.
 */
public final class ExecStep implements StepType {
    @Override
    public String key() {
        return "exec";
    }

    @Override
    public String description() {
        return "Run a command in a node's context (escape hatch); a list runs as is, a string via sh -c";
    }

    @Override
    public List<Param> params() {
        return List.of(NodeParams.onRequired("node whose context the command runs in"),
                Param.required("command", ParamType.ANY, "command: a list of arguments, or a string run by sh -c"),
                Param.optional("env", ParamType.MAP, "extra environment variables"),
                Param.optional("expect-exit", ParamType.INTEGER, "0", "exit code the command must return"));
    }

    @Override
    public Set<String> outputs() {
        return Set.of("stdout", "stderr", "exit-code");
    }

    @Override
    public void validate(StepSpec spec, ValidationSink problems) {
        Object c = spec.params().get("command");
        if (c instanceof Map<?, ?> || (c instanceof List<?> l && l.isEmpty()) || (c instanceof String s && s.isBlank())) {
            problems.problem(spec.locationOf("command"),
                    "'command' must be a non-empty list of arguments or a shell command string");
        }
    }

    @Override
    public void run(StepContext ctx) {
        Node node = ctx.node(ctx.args().string(NodeParams.ON));
        Object raw = ctx.args().raw("command");
        List<String> command = raw instanceof List<?> ? ctx.args().list("command") : List.of("sh", "-c", String.valueOf(raw));
        Map<String, String> env = new LinkedHashMap<>();
        ctx.args().map("env").forEach((k, v) -> env.put(k, String.valueOf(v)));
        ExecResult r = node.exec(command, env, ctx.remaining());
        ctx.output("stdout", r.stdout().strip());
        ctx.output("stderr", r.stderr().strip());
        ctx.output("exit-code", r.exitCode());
        long expected = ctx.args().integer("expect-exit", 0);
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
