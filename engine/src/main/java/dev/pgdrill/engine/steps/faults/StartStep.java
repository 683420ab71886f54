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
 */
public final class StartStep extends StepType<StartStep.Params> {
    /** Kept back from the step's deadline, so that a server still starting ends the wait, not the step's timeout. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    record Params(@StepParam(value = "node to start", required = true, shorthand = true, type = ParamType.NODE) String on,
                  @StepParam(value = "wait until the server accepts SQL", name = "wait", dflt = "true") boolean untilReady,
                  @StepParam(value = "the start must fail: pass when the server exits or does not accept SQL before "
                          + "the step's timeout, with its FATAL line; fail when it comes up", dflt = "false")
                  boolean expectFailure) {
    }

    public StartStep() {
        super("start", "Start a stopped node's server and wait until it accepts SQL (or dies, with its FATAL line); "
                + "or expect the start to fail", Params.class,
                StepOutput.of("fatal", "with expect-failure: the server's FATAL (or PANIC) line, or why the start "
                        + "counts as failed"));
    }

    @Override
    protected void checkCombination(StepSpec spec, ValidationSink problems) {
        Object expect = spec.params().get("expect-failure");
        Object wait = spec.params().get("wait");
        if (expect != null && String.valueOf(expect).matches("(?i)true|yes|on")
                && wait != null && String.valueOf(wait).matches("(?i)false|no|off")) {
            problems.problem(spec.locationOf("wait"), "'expect-failure' waits to see the start fail: leave 'wait' out");
        }
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        Node node = ctx.node(p.on());
        long logFrom = node.logPosition();
        if (p.expectFailure()) {
            expectFailure(ctx, node, logFrom);
            return;
        }
        node.start();
        if (!p.untilReady()) {
            return;
        }
        StartupWatch.await(ctx, node, "'" + node.name() + "' to accept SQL after start", "ready", logFrom,
                "start", () -> Probes.ready(ctx, node) ? "ready" : "not ready");
        RecoveryLog.evidence(StartupWatch.logSince(node, logFrom)).forEach(ctx::evidence);
    }

    private static void expectFailure(StepContext ctx, Node node, long logFrom) throws InterruptedException {
        Instant began = Instant.now();
        try {
            node.start();
        } catch (EnvironmentException e) {
            ctx.output("fatal", Poller.firstLine(e));
            ctx.evidence("the start was refused: " + e.getMessage());
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
}
