package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Leader;
import dev.pgdrill.engine.env.Leaders;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * {@code switchover: { to: replica }}: a planned change of leader through the failover manager (Patroni's
 * {@code POST /switchover}); passes once the manager names {@code to} as the leader and its server has left
 * recovery. Only with a failover manager: without one, a drill promotes.
 */
public final class SwitchoverStep extends StepType<SwitchoverStep.Params> {
    record Params(@StepParam(value = "the node that is to lead", required = true, shorthand = true, type = ParamType.NODE)
                  String to) {
    }

    public SwitchoverStep() {
        super("switchover", "Ask the failover manager to hand leadership to a node (planned) and wait until it leads",
                Params.class,
                StepOutput.of("leader", "the node that leads afterwards"),
                StepOutput.of("from", "the node that led before"),
                StepOutput.of("seconds", "seconds from the request until the new leader's server left recovery"),
                StepOutput.of("timeline", "the new leader's timeline"));
    }

    @Override
    public Duration defaultTimeout() {
        return Duration.ofSeconds(120);
    }

    @Override
    public void checkEnvironment(StepSpec spec, EnvironmentSpec environment, ValidationSink problems) {
        if (!environment.managed()) {
            problems.problem(spec.location(), "'switchover' asks the failover manager for a new leader, and this drill "
                    + "has none: add environment: { failover-manager: patroni }, or use promote");
        }
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        Node to = ctx.node(p.to());
        Leader before = ctx.env().leader().orElseThrow(() -> new StepFailure("no node leads now: there is nothing to "
                + "switch over from (wait-leader first)"));
        if (before.node().equals(to.name())) {
            throw new StepFailure("node '" + to.name() + "' leads already: there is nothing to switch over");
        }
        Instant start = Instant.now();
        try {
            ctx.env().switchover(to.name());
        } catch (EnvironmentException e) {
            throw new StepFailure("switchover from '" + before.node() + "' to '" + to.name() + "' failed: "
                    + e.getMessage(), e);
        }
        ctx.await("the manager to name '" + to.name() + "' the leader", null,
                () -> ctx.env().leader().map(Leader::node).orElse("(none)"), to.name()::equals, l -> "leader: " + l);
        long timeline = ctx.await("node '" + to.name() + "' to leave recovery as the leader", null,
                () -> Leaders.timelineOf(to), OptionalLong::isPresent,
                t -> t.isPresent() ? "timeline " + t.getAsLong() : "in recovery or not answering").getAsLong();
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        ctx.output("leader", to.name());
        ctx.output("from", before.node());
        ctx.output("seconds", seconds);
        ctx.output("timeline", timeline);
        ctx.measure("switchover_seconds", seconds, "s");
        ctx.evidence("switchover from '" + before.node() + "' to '" + to.name() + "' (" + before.source()
                + "): timeline " + timeline + " after " + seconds + "s");
    }
}
