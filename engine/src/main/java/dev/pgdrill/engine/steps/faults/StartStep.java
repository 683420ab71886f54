package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.Probes;
import dev.pgdrill.engine.postgres.RecoveryLog;
import dev.pgdrill.engine.postgres.StartupWatch;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;
import dev.pgdrill.engine.wait.Poller;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code start: primary}: starts a stopped server and (by default) waits until it accepts SQL.
 * {@code start: {on: primary, expect-failure: true}}: the start must fail: the server exits, or does not accept
 * SQL before the step's timeout; the step outputs its FATAL line, and fails when the server comes up.
 * {@code start: {on: old, standby: true, upstream: new}}: starts it as a standby (see {@link StandbyStart}); with
 * {@code expect-failure}, the start fails when it never streams from the upstream (the server's refusal as
 * {@code fatal}) or exits, and the step fails when it streams.
 */
public final class StartStep extends StepType<StartStep.Params> {
    /** Kept back from the step's deadline, so that a server still starting ends the wait, not the step's timeout. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    record Params(@StepParam(value = "node to start", required = true, shorthand = true, type = ParamType.NODE) String on,
                  @StepParam(value = "wait until the server accepts SQL", name = "wait", dflt = "true") boolean untilReady,
                  @StepParam(value = "the start must fail: pass when the server exits or does not accept SQL before "
                          + "the step's timeout, with its FATAL line; fail when it comes up", dflt = "false")
                  boolean expectFailure,
                  @StepParam(value = "start it as a standby, keeping its data: standby.signal, recovery_target_timeline "
                          + "latest, the run's restore_command (none with archive: false); it must come up in recovery",
                          dflt = "false") boolean standby,
                  @StepParam(value = "with standby: true, the node it streams from (its slot there, primary_conninfo, "
                          + "the link moved); passes once it streams from it and replays a new write. Left out: its "
                          + "primary_conninfo stays as it is", type = ParamType.NODE) String upstream) {
    }

    public StartStep() {
        super("start", "Start a stopped node's server (optionally as a standby) and wait until it accepts "
                + "SQL (or dies, with its FATAL line); or expect the start to fail", Params.class,
                StepOutput.of("fatal", "with expect-failure: the server's FATAL (or PANIC) line, or why the start "
                        + "counts as failed"),
                StepOutput.of("upstream", "with standby and upstream: the node it streams from"),
                StepOutput.of("lsn", "with standby and upstream: the LSN of the check write it was seen to replay"));
    }

    @Override
    protected void checkCombination(StepSpec spec, ValidationSink problems) {
        Object expect = spec.params().get("expect-failure");
        Object wait = spec.params().get("wait");
        if (expect != null && String.valueOf(expect).matches("(?i)true|yes|on")
                && wait != null && String.valueOf(wait).matches("(?i)false|no|off")) {
            problems.problem(spec.locationOf("wait"), "'expect-failure' waits to see the start fail: leave 'wait' out");
        }
        Object upstream = spec.params().get("upstream");
        if (upstream == null) {
            return;
        }
        Object standby = spec.params().get("standby");
        if (standby == null || !String.valueOf(standby).matches("(?i)true|yes|on")) {
            problems.problem(spec.locationOf("upstream"), "'upstream' is where a standby streams from: add "
                    + "'standby: true', or leave 'upstream' out");
        }
        if (upstream.equals(spec.params().get("on"))) {
            problems.problem(spec.locationOf("upstream"), "'on' and 'upstream' are both '" + upstream + "': a standby "
                    + "cannot stream from itself; name the node it follows (e.g. the promoted one)");
        }
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        Node node = ctx.node(p.on());
        Node upstream = p.upstream() == null ? null : ctx.node(p.upstream());
        long logFrom = node.logPosition();
        if (p.standby()) {
            ctx.env().prepareStandby(node.name(), p.upstream());
            ctx.evidence("configured '" + node.name() + "' to start as a standby (standby.signal, "
                    + "recovery_target_timeline = latest" + (upstream == null ? "; its primary_conninfo as it was)"
                    : "; slot and primary_conninfo on '" + upstream.name() + "')"));
        }
        if (p.expectFailure()) {
            expectFailure(ctx, node, upstream, logFrom);
            return;
        }
        node.start();
        if (!p.untilReady()) {
            return;
        }
        StartupWatch.await(ctx, node, "'" + node.name() + "' to accept SQL after start", "ready", logFrom,
                "start", () -> Probes.ready(ctx, node) ? "ready" : "not ready");
        if (p.standby()) {
            StandbyStart.check(ctx, node, upstream, logFrom, MARGIN);
        }
        RecoveryLog.evidence(StartupWatch.logSince(node, logFrom)).forEach(ctx::evidence);
    }

    /** With an upstream, the start fails when the standby never streams from it; else when it never accepts SQL. */
    private static void expectFailure(StepContext ctx, Node node, Node upstream, long logFrom)
            throws InterruptedException {
        Instant began = Instant.now();
        try {
            node.start();
        } catch (EnvironmentException e) {
            ctx.output("fatal", Poller.firstLine(e));
            ctx.evidence("the start was refused: " + e.getMessage());
            return;
        }
        if (upstream != null) {
            expectNoStreaming(ctx, node, upstream, logFrom, began);
            return;
        }
        Duration limit = ctx.remaining().minus(MARGIN);
        int[] down = {0};
        Poller.Outcome<String> seen = Poller.within(limit.isNegative() ? Duration.ZERO : limit)
                .reporting(ctx::progress)
                .poll("'" + node.name() + "' to fail to start", () -> {
                    try {
                        if (Probes.ready(ctx, node)) {
                            return "ready";
                        }
                    } catch (Exception e) {
                        // not accepting SQL (yet)
                    }
                    if (!node.isRunning()) {
                        return ++down[0] >= 2 ? StartupWatch.DOWN : "server process not running";
                    }
                    down[0] = 0;
                    return "starting";
                }, s -> s.equals("ready") || s.equals(StartupWatch.DOWN), s -> s);
        List<String> lines = StartupWatch.logSince(node, logFrom);
        RecoveryLog.evidence(lines).forEach(ctx::evidence);
        String fatal = RecoveryLog.fatal(lines);
        String took = Durations.format(Duration.between(began, Instant.now()));
        if (seen.reached() && "ready".equals(seen.value())) {
            throw new StepFailure("expected the start of '" + node.name() + "' to fail, but it accepts SQL after "
                    + took);
        }
        if (seen.reached()) {
            ctx.output("fatal", fatal != null ? fatal : "the server exited; its log has no FATAL or PANIC line");
            ctx.evidence("the start failed as expected: the server exited after " + took);
        } else {
            ctx.output("fatal", fatal != null ? fatal : "did not accept SQL within " + took + " (" + seen.last() + ")");
            ctx.evidence("the start failed as expected: no SQL accepted within " + took + " (" + seen.last()
                    + "); the server is left as it is");
        }
    }

    private static void expectNoStreaming(StepContext ctx, Node node, Node upstream, long logFrom, Instant began)
            throws InterruptedException {
        String state = StandbyStart.await(ctx, node, upstream, logFrom, MARGIN, true);
        List<String> lines = StartupWatch.logSince(node, logFrom);
        StandbyStart.evidence(ctx, lines);
        String took = Durations.format(Duration.between(began, Instant.now()));
        if (StandbyStart.STREAMING.equals(state)) {
            throw new StepFailure("expected the start of '" + node.name() + "' as a standby of '" + upstream.name()
                    + "' to fail, but it streams from it after " + took);
        }
        String why = StandbyStart.refusal(lines);
        ctx.output("fatal", why != null ? why : StartupWatch.DOWN.equals(state)
                ? "the server exited; its log has no FATAL or PANIC line"
                : "did not stream from '" + upstream.name() + "' within " + took + " (" + state + ")");
        ctx.evidence("the start as a standby of '" + upstream.name() + "' failed as expected after " + took
                + (StartupWatch.DOWN.equals(state) ? ": the server exited" : ": the server is left as it is"));
    }
}
