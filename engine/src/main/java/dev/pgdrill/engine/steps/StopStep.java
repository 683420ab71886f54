package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.util.List;
import java.util.Locale;

/** {@code stop: {on: primary, mode: immediate}}: shuts a server down and returns when it is down. */
public final class StopStep implements StepType {
    @Override
    public String key() {
        return "stop";
    }

    @Override
    public String description() {
        return "Stop a node's server (pg_ctl stop -m smart|fast|immediate) and wait until it is down";
    }

    @Override
    public List<Param> params() {
        return List.of(NodeParams.onRequired("node to stop"),
                Param.oneOf("mode", false, "fast", "shutdown mode", "smart", "fast", "immediate"));
    }

    @Override
    public String shorthand() {
        return NodeParams.ON;
    }

    @Override
    public void run(StepContext ctx) {
        Node node = ctx.node(ctx.args().string(NodeParams.ON));
        StopMode mode = StopMode.valueOf(ctx.args().string("mode", "fast").toUpperCase(Locale.ROOT));
        node.stop(mode);
        NodeActionStep.requireDown(node, "a " + mode.pgCtlName() + " stop");
    }
}
