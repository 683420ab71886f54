package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;

/** {@code wipe: primary}: deletes a node's data directory (stopping the server first). */
public final class WipeStep extends NodeActionStep<WipeStep.Params> {
    record Params(@StepParam(value = "node whose data directory is deleted", required = true, shorthand = true, type = ParamType.NODE) String on)
            implements OnNode {
    }

    public WipeStep() {
        super("wipe", "Delete a node's data directory, stopping its server first: the disk is lost", Params.class);
    }

    @Override
    void act(StepContext ctx, Node node) {
        node.wipe();
    }
}
