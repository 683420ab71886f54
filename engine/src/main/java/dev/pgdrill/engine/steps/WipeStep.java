package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;

/** {@code wipe: primary}: deletes a node's data directory (stopping the server first). */
public final class WipeStep extends NodeActionStep {
    public WipeStep() {
        super("wipe", "Delete a node's data directory, stopping its server first: the disk is lost",
                NodeParams.onRequired("node whose data directory is deleted"));
    }

    @Override
    void act(StepContext ctx, Node node) {
        node.wipe();
    }
}
