package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.util.List;

/** {@code partition: replica}: cuts the node's replication link for real. */
public final class PartitionStep implements StepType {
    @Override
    public String key() {
        return "partition";
    }

    @Override
    public String description() {
        return "Cut a node's replication link (all its traffic to and from other nodes) until heal";
    }

    @Override
    public List<Param> params() {
        return List.of(NodeParams.on("replica", "node to cut off"));
    }

    @Override
    public String shorthand() {
        return NodeParams.ON;
    }

    @Override
    public void run(StepContext ctx) {
        String node = ctx.node(ctx.args().string(NodeParams.ON, "replica")).name();
        ctx.env().partition(node);
    }
}
