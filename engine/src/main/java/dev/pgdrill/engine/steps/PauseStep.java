package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.util.List;

/** {@code pause: replica}: freezes every process of a node (postmaster first), as docker pause does. */
public final class PauseStep implements StepType {
    @Override
    public String key() {
        return "pause";
    }

    @Override
    public String description() {
        return "Freeze every process of a node (postmaster first); it keeps its connections but answers nothing";
    }

    @Override
    public List<Param> params() {
        return List.of(NodeParams.onRequired("node to freeze"));
    }

    @Override
    public String shorthand() {
        return NodeParams.ON;
    }

    @Override
    public void run(StepContext ctx) {
        ctx.node(ctx.args().string(NodeParams.ON)).pause();
    }
}
