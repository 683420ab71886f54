package dev.pgdrill.engine.steps.wait;

import dev.pgdrill.engine.env.Leader;
import dev.pgdrill.engine.env.Leaders;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code wait-leader: { not: primary }}: waits until a node leads, and with {@code not} one other than that node
 * (after a failover). The leader is the failover manager's (Patroni's {@code /cluster}: the member holding the
 * leader key and running), or without a manager the one node out of recovery. The step's {@code timeout} bounds
 * the wait (default 120s: a dead leader's key lives for Patroni's {@code ttl}).
 */
public final class WaitLeaderStep extends StepType<WaitLeaderStep.Params> {
    record Params(@StepParam(value = "a node that must no longer lead (e.g. the one just killed)", type = ParamType.NODE)
                  String not) {
    }

    public WaitLeaderStep() {
        super("wait-leader", "Wait until a node leads (with 'not': another than that one) and report it", Params.class,
                StepOutput.of("leader", "the node that leads"),
                StepOutput.of("seconds", "seconds this step waited for it"),
                StepOutput.of("timeline", "the leader's timeline, read from its server once it has left recovery"));
    }

    @Override
    public Duration defaultTimeout() {
        return Duration.ofSeconds(120);
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        String not = p.not() == null ? null : Leader.isRole(p.not()) ? ctx.node(p.not()).name() : p.not();
        if (not != null && !Leader.isRole(p.not())) {
            ctx.node(not); // an unknown node fails here, naming those that exist
        }
        Instant start = Instant.now();
        AtomicReference<Leader> found = new AtomicReference<>();
        String what = not == null ? "a node to lead" : "a node other than '" + not + "' to lead";
        ctx.await(what, null, () -> {
            Optional<Leader> l = ctx.env().leader();
            l.ifPresent(found::set);
            return l.map(Leader::node).orElse("(none)");
        }, leader -> !leader.equals("(none)") && !leader.equals(not), leader -> "leader: " + leader);
        Leader leader = found.get();
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        Node node = ctx.node(leader.node());
        // the manager may name a leader a moment before its server has left recovery: the timeline is the server's
        long timeline = ctx.await("node '" + node.name() + "' to leave recovery as the leader", null,
                () -> Leaders.timelineOf(node), OptionalLong::isPresent,
                t -> t.isPresent() ? "timeline " + t.getAsLong() : "in recovery or not answering").getAsLong();
        ctx.output("leader", leader.node());
        ctx.output("seconds", seconds);
        ctx.output("timeline", timeline);
        ctx.measure("leader_wait_seconds", seconds, "s");
        ctx.evidence("leader: node '" + leader.node() + "' on timeline " + timeline + " (" + leader.source()
                + "), after " + seconds + "s");
        leader.members().forEach(m -> ctx.evidence("member " + m));
    }
}
