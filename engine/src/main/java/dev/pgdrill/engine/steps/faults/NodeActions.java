package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.time.Duration;
import java.time.Instant;

/**
 * The step types whose only parameter is {@code on}, the node they act on ({@code pause: replica}),
 * side by side: each declares that parameter (its description, required or default node) in its
 * record and does one thing to the node.
 */
public final class NodeActions {
    private NodeActions() {
    }

    /** What {@code after} says, for {@code runner steps}. */
    static final String AFTER = "wait this long first (e.g. 2s, or a range like 0.5s..2s drawn per trial); "
            + "workloads keep writing meanwhile";

    /** The parameter record of a node action: names the node, and how long to wait before acting. */
    interface OnNode {
        String on();

        /** The delay before the action, or null for none. */
        Duration after();
    }

    /** A step type acting on the node its record names. */
    abstract static class NodeAction<P extends Record & OnNode> extends StepType<P> {
        NodeAction(String key, String description, Class<P> params) {
            super(key, description, params);
        }

        @Override
        protected final void run(StepContext ctx, P params) throws InterruptedException {
            Node node = ctx.node(params.on());
            waitBefore(ctx, params.after());
            act(ctx, node);
            ctx.env().managerSnapshot().forEach(m -> ctx.evidence("failover manager after the " + key() + ": " + m));
        }

        /** Does the step's action on the node named by {@code on}. */
        abstract void act(StepContext ctx, Node node);
    }

    /**
     * Waits {@code delay} (null: not at all) before a fault lands; fails the step when the delay is longer than
     * the step's time left.
     */
    static void waitBefore(StepContext ctx, Duration delay) throws InterruptedException {
        if (delay == null || delay.isZero()) {
            return;
        }
        if (delay.compareTo(ctx.remaining()) > 0) {
            throw new StepFailure("after: " + Durations.format(delay) + " is longer than the step's time left ("
                    + Durations.format(ctx.remaining()) + "); raise the step's timeout");
        }
        ctx.progress("the moment to act (after " + Durations.format(delay) + ")", "waiting");
        Thread.sleep(delay.toMillis());
        ctx.state().actsAt(Instant.now());
    }

    /**
     * A link fault (partition, latency) with a failover manager is refused: the manager's standbys stream from the
     * leader directly, not through a link the backends can cut yet.
     */
    static void refuseLinkFaultUnderManager(StepSpec spec, EnvironmentSpec environment, ValidationSink problems) {
        if (environment.managed()) {
            problems.problem(spec.location(), "'" + spec.type() + "' is not offered with failover-manager '"
                    + environment.failoverManager() + "' yet: its standbys stream from the leader directly, not through "
                    + "a link the run can cut or slow; use kill, stop or pause");
        }
    }

    /** Fails the step when {@code node} still runs after {@code after} (e.g. "SIGKILL") should have ended it. */
    static void requireDown(Node node, String after) {
        if (node.isRunning()) {
            throw new StepFailure("node '" + node.name() + "' still runs after " + after);
        }
    }

    /** {@code kill: primary}: SIGKILL to every process of a node, the crash a power cut causes. */
    public static final class Kill extends NodeAction<Kill.Params> {
        record Params(@StepParam(value = "node to kill", required = true, shorthand = true, type = ParamType.NODE) String on,
                      @StepParam(AFTER) Duration after)
                implements OnNode {
        }

        public Kill() {
            super("kill", "Kill a node's server with SIGKILL (postmaster first, then every child): a crash", Params.class);
        }

        @Override
        void act(StepContext ctx, Node node) {
            node.kill();
            requireDown(node, "SIGKILL");
        }
    }

    /** {@code pause: replica}: freezes every process of a node (postmaster first), as docker pause does. */
    public static final class Pause extends NodeAction<Pause.Params> {
        record Params(@StepParam(value = "node to freeze", required = true, shorthand = true, type = ParamType.NODE) String on,
                      @StepParam(AFTER) Duration after)
                implements OnNode {
        }

        public Pause() {
            super("pause", "Freeze every process of a node (postmaster first); it keeps its connections but answers nothing",
                    Params.class);
        }

        @Override
        void act(StepContext ctx, Node node) {
            node.pause();
        }
    }

    /** {@code resume: replica}: thaws what pause froze. */
    public static final class Resume extends NodeAction<Resume.Params> {
        record Params(@StepParam(value = "node to thaw", required = true, shorthand = true, type = ParamType.NODE) String on,
                      @StepParam(AFTER) Duration after)
                implements OnNode {
        }

        public Resume() {
            super("resume", "Thaw a node frozen by pause", Params.class);
        }

        @Override
        void act(StepContext ctx, Node node) {
            node.resume();
        }
    }

    /** {@code wipe: primary}: deletes a node's data directory (stopping the server first). */
    public static final class Wipe extends NodeAction<Wipe.Params> {
        record Params(@StepParam(value = "node whose data directory is deleted", required = true, shorthand = true,
                type = ParamType.NODE) String on,
                      @StepParam(AFTER) Duration after) implements OnNode {
        }

        public Wipe() {
            super("wipe", "Delete a node's data directory, stopping its server first: the disk is lost", Params.class);
        }

        @Override
        void act(StepContext ctx, Node node) {
            node.wipe();
        }
    }

    /** {@code partition: replica}: cuts the node's replication link for real. */
    public static final class Partition extends NodeAction<Partition.Params> {
        record Params(@StepParam(value = "node to cut off", dflt = "replica", shorthand = true, type = ParamType.NODE) String on,
                      @StepParam(AFTER) Duration after)
                implements OnNode {
        }

        public Partition() {
            super("partition", "Cut a node's replication link (all its traffic to and from other nodes) until heal",
                    Params.class);
        }

        @Override
        void act(StepContext ctx, Node node) {
            ctx.env().partition(node.name());
        }

        @Override
        public void checkEnvironment(StepSpec spec, EnvironmentSpec environment, ValidationSink problems) {
            refuseLinkFaultUnderManager(spec, environment, problems);
        }
    }

    /** {@code heal: replica}: restores what partition cut. */
    public static final class Heal extends NodeAction<Heal.Params> {
        record Params(@StepParam(value = "node to reconnect", dflt = "replica", shorthand = true, type = ParamType.NODE) String on,
                      @StepParam(AFTER) Duration after)
                implements OnNode {
        }

        public Heal() {
            super("heal", "Restore a node's replication link cut by partition", Params.class);
        }

        @Override
        void act(StepContext ctx, Node node) {
            ctx.env().heal(node.name());
        }
    }
}
