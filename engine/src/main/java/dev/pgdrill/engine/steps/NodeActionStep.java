package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepType;

import java.util.List;

/**
 * A step whose only parameter is {@code on}, the node it acts on ({@code pause: replica}): the
 * subclass names its key, description and {@code on} parameter and does one thing to the node.
 * A default node given by the parameter is the node used when {@code on} is left out.
 */
abstract class NodeActionStep implements StepType {
    private final String key;
    private final String description;
    private final Param on;

    NodeActionStep(String key, String description, Param on) {
        this.key = key;
        this.description = description;
        this.on = on;
    }

    @Override
    public final String key() {
        return key;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<Param> params() {
        return List.of(on);
    }

    @Override
    public final String shorthand() {
        return NodeParams.ON;
    }

    @Override
    public final void run(StepContext ctx) {
        String name = on.required() ? ctx.args().string(NodeParams.ON) : ctx.args().string(NodeParams.ON, on.defaultValue());
        act(ctx, ctx.node(name));
    }

    /** Does the step's action on the node named by {@code on}. */
    abstract void act(StepContext ctx, Node node);

    /** Fails the step when {@code node} still runs after {@code after} (e.g. "SIGKILL") should have ended it. */
    static void requireDown(Node node, String after) {
        if (node.isRunning()) {
            throw new StepFailure("node '" + node.name() + "' still runs after " + after);
        }
    }
}
