package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;

/** {@code heal: replica}: restores what partition cut. */
public final class HealStep extends NodeActionStep {
    public HealStep() {
        super("heal", "Restore a node's replication link cut by partition",
                NodeParams.on("replica", "node to reconnect"));
    }

    @Override
    void act(StepContext ctx, Node node) {
        ctx.env().heal(node.name());
    }
}
