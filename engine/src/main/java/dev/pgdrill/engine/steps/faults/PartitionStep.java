package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;

/** {@code partition: replica}: cuts the node's replication link for real. */
public final class PartitionStep extends NodeActionStep<PartitionStep.Params> {
    record Params(@StepParam(value = "node to cut off", dflt = "replica", shorthand = true, type = ParamType.NODE) String on)
            implements OnNode {
    }

    public PartitionStep() {
        super("partition", "Cut a node's replication link (all its traffic to and from other nodes) until heal", Params.class);
    }

    @Override
    void act(StepContext ctx, Node node) {
        ctx.env().partition(node.name());
    }
}
