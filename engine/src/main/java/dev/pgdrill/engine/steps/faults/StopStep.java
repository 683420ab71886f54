package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.time.Duration;

/** {@code stop: {on: primary, mode: immediate}}: shuts a server down and returns when it is down. */
public final class StopStep extends StepType<StopStep.Params> {
    record Params(@StepParam(value = "node to stop", required = true, shorthand = true, type = ParamType.NODE) String on,
                  @StepParam(value = "shutdown mode", dflt = "fast") StopMode mode,
                  @StepParam(NodeActions.AFTER) Duration after) {
    }

    public StopStep() {
        super("stop", "Stop a node's server (pg_ctl stop -m smart|fast|immediate) and wait until it is down", Params.class);
    }

    @Override
    protected void run(StepContext ctx, Params p) throws InterruptedException {
        Node node = ctx.node(p.on());
        NodeActions.waitBefore(ctx, p.after());
        node.stop(p.mode());
        NodeActions.requireDown(node, "a " + p.mode().pgCtlName() + " stop");
        ctx.env().managerSnapshot().forEach(m -> ctx.evidence("failover manager after the stop: " + m));
    }
}
