package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;

/** {@code partition: replica}: cuts the node's replication link for real. */
public final class PartitionStep extends NodeActionStep {
    public PartitionStep() {
        super("partition", "Cut a node's replication link (all its traffic to and from other nodes) until heal",
                NodeParams.on("replica", "node to cut off"));
    }

    @Override
    void act(StepContext ctx, Node node) {
        ctx.env().partition(node.name());
    }
}
