package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.util.List;

/** {@code wipe: primary}: deletes a node's data directory (stopping the server first). */
public final class WipeStep implements StepType {
    @Override
    public String key() {
        return "wipe";
    }

    @Override
    public String description() {
        return "Delete a node's data directory, stopping its server first: the disk is lost";
    }

    @Override
    public List<Param> params() {
        return List.of(NodeParams.onRequired("node whose data directory is deleted"));
    }

    @Override
    public String shorthand() {
        return NodeParams.ON;
    }

    @Override
    public void run(StepContext ctx) {
        ctx.node(ctx.args().string(NodeParams.ON)).wipe();
    }
}
