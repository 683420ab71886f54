package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;

/** {@code resume: replica}: thaws what pause froze. */
public final class ResumeStep extends NodeActionStep {
    public ResumeStep() {
        super("resume", "Thaw a node frozen by pause", NodeParams.onRequired("node to thaw"));
    }

    @Override
    void act(StepContext ctx, Node node) {
        node.resume();
    }
}
