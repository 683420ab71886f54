package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepType;

import java.util.List;

/** {@code kill: primary}: SIGKILL to every process of a node, the crash a power cut causes. */
public final class KillStep implements StepType {
    @Override
    public String key() {
        return "kill";
    }

    @Override
    public String description() {
        return "Kill a node's server with SIGKILL (postmaster first, then every child): a crash";
    }

    @Override
    public List<Param> params() {
        return List.of(NodeParams.onRequired("node to kill"));
    }

    @Override
    public String shorthand() {
        return NodeParams.ON;
    }

    @Override
    public void run(StepContext ctx) {
        Node node = ctx.node(ctx.args().string(NodeParams.ON));
        node.kill();
        if (node.isRunning()) {
            throw new StepFailure("node '" + node.name() + "' still runs after SIGKILL");
        }
    }
}
