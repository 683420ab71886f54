package dev.pgdrill.engine.postgres;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.wait.Poller;

import java.util.List;

/**
 * Waits for a server that was just started (or restored, or promoted) to reach a state, and tells
 * a server that died apart from one that is still busy: when the process is gone on two probes in
 * a row, the wait ends and the step fails with PostgreSQL's own FATAL line from the log.
 */
public final class StartupWatch {
    public static final String DOWN = "down";

    /** A state check: returns the state reached, e.g. "writable", "paused", or why not yet. */
    @FunctionalInterface
    public interface Check {
        String get() throws Exception;
    }

    private StartupWatch() {
    }

    /**
     * @param goal     the state {@code check} returns when done
     * @param logFrom  log position taken before the action, for the FATAL line and evidence
     * @param action   what was done, for the failure message ("restore", "start")
     */
    public static void await(StepContext ctx, Node node, String what, String goal, long logFrom, String action,
                      Check check) throws InterruptedException {
        int[] down = {0};
        String state = ctx.await(what, null, () -> {
            String s;
            try {
                s = check.get();
                if (goal.equals(s)) {
                    return s;
                }
            } catch (Exception e) {
                s = "not yet: " + Poller.firstLine(e);
            }
            if (!node.isRunning()) {
                return ++down[0] >= 2 ? DOWN : "server process not running";
            }
            down[0] = 0;
            return s;
        }, s -> s.equals(goal) || s.equals(DOWN), s -> s);
        if (state.equals(DOWN)) {
            throw died(ctx, node, logFrom, action);
        }
    }

    /** The failure for a server that stopped: its FATAL line, with recovery lines as evidence. */
    public static StepFailure died(StepContext ctx, Node node, long logFrom, String action) {
        List<String> lines = logSince(node, logFrom);
        RecoveryLog.evidence(lines).forEach(ctx::evidence);
        String fatal = RecoveryLog.fatal(lines);
        return new StepFailure("node '" + node.name() + "' stopped after " + action + ": "
                + (fatal != null ? fatal : "its log has no FATAL or PANIC line"));
    }

    /** Log lines since {@code from}; when the log was replaced (shorter than before), its tail. */
    public static List<String> logSince(Node node, long from) {
        try {
            List<String> lines = node.logSince(from);
            if (lines.isEmpty() && node.logPosition() < from) {
                return node.logTail(200);
            }
            return lines;
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
