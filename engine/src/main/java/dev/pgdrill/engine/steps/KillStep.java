package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;

/** {@code kill: primary}: SIGKILL to every process of a node, the crash a power cut causes. */
public final class KillStep extends NodeActionStep {
    public KillStep() {
        super("kill", "Kill a node's server with SIGKILL (postmaster first, then every child): a crash",
                NodeParams.onRequired("node to kill"));
    }

    @Override
    void act(StepContext ctx, Node node) {
        node.kill();
        requireDown(node, "SIGKILL");
    }
}
