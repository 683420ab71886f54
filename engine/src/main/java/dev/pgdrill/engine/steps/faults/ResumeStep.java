package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;

/** {@code resume: replica}: thaws what pause froze. */
public final class ResumeStep extends NodeActionStep<ResumeStep.Params> {
    record Params(@StepParam(value = "node to thaw", required = true, shorthand = true, type = ParamType.NODE) String on)
            implements OnNode {
    }

    public ResumeStep() {
        super("resume", "Thaw a node frozen by pause", Params.class);
    }

    @Override
    void act(StepContext ctx, Node node) {
        node.resume();
    }
}
