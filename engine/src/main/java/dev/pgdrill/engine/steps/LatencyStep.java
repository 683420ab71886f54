package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.time.Duration;
import java.util.List;

/** {@code latency: {on: replica, delay: 200ms}}: delays traffic over the node's replication link. */
public final class LatencyStep implements StepType {
    @Override
    public String key() {
        return "latency";
    }

    @Override
    public String description() {
        return "Delay traffic over a node's replication link (0ms removes the delay)";
    }

    @Override
    public List<Param> params() {
        return List.of(NodeParams.on("replica", "node whose link is slowed"),
                Param.required("delay", ParamType.DURATION, "added delay, e.g. 200ms; 0ms removes it"));
    }

    @Override
    public void run(StepContext ctx) {
        String node = ctx.node(ctx.args().string(NodeParams.ON, "replica")).name();
        ctx.env().latency(node, ctx.args().duration("delay", Duration.ZERO));
    }
}
