package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.postgres.Probes;
import dev.pgdrill.engine.postgres.RecoveryLog;
import dev.pgdrill.engine.postgres.StartupWatch;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

/** {@code start: primary}: starts a stopped server and (by default) waits until it accepts SQL. */
public final class StartStep extends StepType<StartStep.Params> {
    record Params(@StepParam(value = "node to start", required = true, shorthand = true, type = ParamType.NODE) String on,
                  @StepParam(value = "wait until the server accepts SQL", name = "wait", dflt = "true") boolean untilReady) {
    }

    public StartStep() {
        super("start", "Start a stopped node's server and wait until it accepts SQL (or dies, with its FATAL line)", Params.class);
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        Node node = ctx.node(p.on());
        long logFrom = node.logPosition();
        node.start();
        if (!p.untilReady()) {
            return;
        }
        StartupWatch.await(ctx, node, "'" + node.name() + "' to accept SQL after start", "ready", logFrom,
                "start", () -> Probes.ready(ctx, node) ? "ready" : "not ready");
        RecoveryLog.evidence(StartupWatch.logSince(node, logFrom)).forEach(ctx::evidence);
    }
}
