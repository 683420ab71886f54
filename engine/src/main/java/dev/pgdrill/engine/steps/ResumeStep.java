package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.util.List;

/** {@code resume: replica}: thaws what pause froze. */
public final class ResumeStep implements StepType {
    @Override
    public String key() {
        return "resume";
    }

    @Override
    public String description() {
        return "Thaw a node frozen by pause";
    }

    @Override
    public List<Param> params() {
        return List.of(NodeParams.onRequired("node to thaw"));
    }

    @Override
    public String shorthand() {
        return NodeParams.ON;
    }

    @Override
    public void run(StepContext ctx) {
        ctx.node(ctx.args().string(NodeParams.ON)).resume();
    }
}
