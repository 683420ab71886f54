package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;

/** {@code pause: replica}: freezes every process of a node (postmaster first), as docker pause does. */
public final class PauseStep extends NodeActionStep {
    public PauseStep() {
        super("pause", "Freeze every process of a node (postmaster first); it keeps its connections but answers nothing",
                NodeParams.onRequired("node to freeze"));
    }

    @Override
    void act(StepContext ctx, Node node) {
        node.pause();
    }
}
