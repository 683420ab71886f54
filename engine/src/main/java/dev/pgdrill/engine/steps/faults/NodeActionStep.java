package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepType;

/**
 * A step whose only parameter is {@code on}, the node it acts on ({@code pause: replica}): the
 * subclass declares that parameter (its description, required or default node, shorthand) in its
 * record and does one thing to the node.
 */
abstract class NodeActionStep<P extends Record & NodeActionStep.OnNode> extends StepType<P> {
    /** The parameter record of a node action: names the node. */
    interface OnNode {
        String on();
    }

    NodeActionStep(String key, String description, Class<P> params) {
        super(key, description, params);
    }

    @Override
    protected final void run(StepContext ctx, P params) {
        act(ctx, ctx.node(params.on()));
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
