package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;

import java.util.List;
import java.util.Locale;

/**
 * Proof that a targeted restore stopped where it was asked to: PostgreSQL's own
 * {@code recovery stopping ...} line (for a restore point: {@code recovery stopping at restore point};
 * for immediate: {@code recovery stopping after reaching consistency}). Without it the restore fails,
 * quoting the last log lines, even though the node came up.
 */
final class RecoveryStop {
    static final int TAIL = 8;

    private RecoveryStop() {
    }

    /** The line that proves recovery stopped at {@code target}, or null. */
    static String line(List<String> lines, RecoveryTarget target) {
        String want = switch (target.kind()) {
            case NAME -> "recovery stopping at restore point";
            case IMMEDIATE -> "recovery stopping after reaching consistency";
            case LSN -> "wal location";
            case TIME, XID -> "transaction";
            case LATEST -> null;
        };
        for (String l : lines) {
            String low = l.toLowerCase(Locale.ROOT);
            if (low.contains("recovery stopping") && (want == null || low.contains(want))) {
                return l.strip();
            }
        }
        return null;
    }

    /** Fails the step unless the log since the restore holds the stopping line; records it as evidence. */
    static void check(StepContext ctx, Node node, RecoveryTarget target, List<String> lines, String state) {
        if (lines.isEmpty()) {
            ctx.evidence("no server log lines since the restore: stopping at " + target + " not confirmed from the log");
            return;
        }
        String stop = line(lines, target);
        if (stop != null) {
            ctx.evidence("stopped at the target: " + stop);
            return;
        }
        List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL), lines.size());
        throw new StepFailure("node '" + node.name() + "' is " + state + ", but PostgreSQL never logged "
                + "'recovery stopping ...' for " + target + "; last log lines:\n  " + String.join("\n  ",
                tail.stream().map(String::strip).toList()));
    }
}
