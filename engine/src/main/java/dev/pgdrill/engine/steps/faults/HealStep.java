package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;

/** {@code heal: replica}: restores what partition cut. */
public final class HealStep extends NodeActionStep<HealStep.Params> {
    record Params(@StepParam(value = "node to reconnect", dflt = "replica", shorthand = true, type = ParamType.NODE) String on)
            implements OnNode {
    }

    public HealStep() {
        super("heal", "Restore a node's replication link cut by partition", Params.class);
    }

    @Override
    void act(StepContext ctx, Node node) {
        ctx.env().heal(node.name());
    }
}
