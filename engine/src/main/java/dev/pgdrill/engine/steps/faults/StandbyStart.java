package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.postgres.Probes;
import dev.pgdrill.engine.postgres.RecoveryLog;
import dev.pgdrill.engine.postgres.StartupWatch;
import dev.pgdrill.engine.postgres.Streaming;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.wait.Poller;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code start: {on: old, standby: true, upstream: new}}: what a start as a standby adds to a plain start. The
 * node is configured by the environment before its start ({@code Environment.prepareStandby}); once it accepts
 * SQL it must be in recovery, and with an upstream it must stream from it and replay a new write. A standby whose
 * history diverged from the upstream's keeps running but never streams: its server log says why (the walreceiver's
 * FATAL line, "new timeline N forked off current database system timeline M"), and that line ends the wait.
 */
final class StandbyStart {
    static final String STREAMING = "streaming";
    static final String REFUSED = "refused";
    private static final List<String> DIVERGED = List.of("forked off current database system timeline",
            "is not in this server's history");

    private StandbyStart() {
    }

    /**
     * After the server accepts SQL: it is in recovery, and with {@code upstream} it streams from it and has
     * replayed a write made after that (outputs {@code upstream}, {@code lsn}); fails with the server's own line
     * when its log shows that the upstream refuses it.
     */
    static void check(StepContext ctx, Node node, Node upstream, long logFrom, Duration margin) throws Exception {
        if (!Probes.inRecovery(ctx, node)) {
            throw new StepFailure("node '" + node.name() + "' accepts SQL but is not a standby (pg_is_in_recovery() "
                    + "= false): its standby.signal was not honoured");
        }
        if (upstream == null) {
            ctx.evidence("'" + node.name() + "' runs as a standby (pg_is_in_recovery() = true) of the archive and "
                    + "its own primary_conninfo, if any");
            return;
        }
        String state = await(ctx, node, upstream, logFrom, margin, false);
        if (REFUSED.equals(state)) {
            List<String> lines = StartupWatch.logSince(node, logFrom);
            evidence(ctx, lines);
            throw new StepFailure("node '" + node.name() + "' started as a standby but does not stream from '"
                    + upstream.name() + "': " + refusal(lines));
        }
        Node writer = Streaming.writer(ctx, null, upstream);
        String marker = Streaming.streamsAndReplays(ctx, node, upstream, writer, "start as standby check");
        ctx.output("upstream", upstream.name());
        ctx.output("lsn", marker);
        ctx.evidence("'" + node.name() + "' streams from '" + upstream.name() + "' and replayed a write made on '"
                + writer.name() + "' at " + marker);
    }

    /**
     * Polls until {@code node} streams from {@code upstream} ({@link #STREAMING}), its log shows a refusal
     * ({@link #REFUSED}), or (with {@code downCounts}) its server exited ({@link StartupWatch#DOWN}); the state last
     * seen when the step's time (less {@code margin}) ran out.
     */
    static String await(StepContext ctx, Node node, Node upstream, long logFrom, Duration margin, boolean downCounts)
            throws InterruptedException {
        Duration limit = ctx.remaining().minus(margin);
        int[] down = {0};
        Poller.Outcome<String> seen = Poller.within(limit.isNegative() ? Duration.ZERO : limit)
                .reporting(ctx::progress)
                .poll("'" + node.name() + "' to stream from '" + upstream.name() + "'", () -> {
                    try {
                        if (STREAMING.equals(Streaming.senderState(ctx, upstream, node.name()))) {
                            return STREAMING;
                        }
                    } catch (Exception e) {
                        // the upstream does not answer (yet): decided by the standby's log and process
                    }
                    if (refusal(StartupWatch.logSince(node, logFrom)) != null) {
                        return REFUSED;
                    }
                    if (downCounts && !node.isRunning()) {
                        return ++down[0] >= 2 ? StartupWatch.DOWN : "server process not running";
                    }
                    down[0] = 0;
                    return "not streaming yet";
                }, s -> s.equals(STREAMING) || s.equals(REFUSED) || s.equals(StartupWatch.DOWN), s -> s);
        return seen.reached() ? seen.value() : seen.last();
    }

    /** The line of {@code lines} that says why a standby does not stream: a diverged history, or a FATAL or PANIC line. */
    static String refusal(List<String> lines) {
        for (String line : lines) {
            String l = line.toLowerCase(Locale.ROOT);
            if (DIVERGED.stream().anyMatch(l::contains)) {
                return line.strip();
            }
        }
        String fatal = RecoveryLog.fatal(lines);
        return fatal == null || RecoveryLog.isClientNoise(fatal) ? null : fatal;
    }

    /** The recovery lines and the refusal lines of {@code lines}, as evidence. */
    static void evidence(StepContext ctx, List<String> lines) {
        for (String line : lines) {
            String l = line.toLowerCase(Locale.ROOT);
            if (RecoveryLog.isEvidence(line) || DIVERGED.stream().anyMatch(l::contains)) {
                ctx.evidence(line.strip());
            }
        }
    }
}
