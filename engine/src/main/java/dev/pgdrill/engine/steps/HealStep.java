package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.util.List;

/** {@code heal: replica}: restores what partition cut. */
public final class HealStep implements StepType {
    @Override
    public String key() {
        return "heal";
    }

    @Override
    public String description() {
        return "Restore a node's replication link cut by partition";
    }

    @Override
    public List<Param> params() {
        return List.of(NodeParams.on("replica", "node to reconnect"));
    }

    @Override
    public String shorthand() {
        return NodeParams.ON;
    }

    @Override
    public void run(StepContext ctx) {
        String node = ctx.node(ctx.args().string(NodeParams.ON, "replica")).name();
        ctx.env().heal(node);
    }
}
