package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;

/** {@code pause: replica}: freezes every process of a node (postmaster first), as docker pause does. */
public final class PauseStep extends NodeActionStep<PauseStep.Params> {
    record Params(@StepParam(value = "node to freeze", required = true, shorthand = true, type = ParamType.NODE) String on)
            implements OnNode {
    }

    public PauseStep() {
        super("pause", "Freeze every process of a node (postmaster first); it keeps its connections but answers nothing", Params.class);
    }

    @Override
    void act(StepContext ctx, Node node) {
        node.pause();
    }
}
