package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;

/** {@code kill: primary}: SIGKILL to every process of a node, the crash a power cut causes. */
public final class KillStep extends NodeActionStep<KillStep.Params> {
    record Params(@StepParam(value = "node to kill", required = true, shorthand = true, type = ParamType.NODE) String on)
            implements OnNode {
    }

    public KillStep() {
        super("kill", "Kill a node's server with SIGKILL (postmaster first, then every child): a crash", Params.class);
    }

    @Override
    void act(StepContext ctx, Node node) {
        node.kill();
        requireDown(node, "SIGKILL");
    }
}
