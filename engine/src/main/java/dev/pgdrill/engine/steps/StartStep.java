package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.util.List;

/** {@code start: primary}: starts a stopped server and (by default) waits until it accepts SQL. */
public final class StartStep implements StepType {
    @Override
    public String key() {
        return "start";
    }

    @Override
    public String description() {
        return "Start a stopped node's server and wait until it accepts SQL (or dies, with its FATAL line)";
    }

    @Override
    public List<Param> params() {
        return List.of(NodeParams.onRequired("node to start"),
                Param.optional("wait", ParamType.BOOLEAN, "true", "wait until the server accepts SQL"));
    }

    @Override
    public String shorthand() {
        return NodeParams.ON;
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        Node node = ctx.node(ctx.args().string(NodeParams.ON));
        long logFrom = node.logPosition();
        node.start();
        if (!ctx.args().bool("wait", true)) {
            return;
        }
        StartupWatch.await(ctx, node, "'" + node.name() + "' to accept SQL after start", "ready", logFrom,
                "start", () -> Probes.ready(ctx, node) ? "ready" : "not ready");
        RecoveryLog.evidence(StartupWatch.logSince(node, logFrom)).forEach(ctx::evidence);
    }
}
