package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.Probes;
import dev.pgdrill.engine.postgres.RecoveryLog;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.postgres.Streaming;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.ValidationSink;

import java.sql.Connection;

/**
 * {@code restore: {node: s4, from: base, action: standby, upstream: primary}}: a restore whose node then runs as a
 * streaming standby of {@code upstream}. It has no target (it replays everything and follows the latest timeline);
 * it passes once the restored server accepts SQL in recovery, streams from the upstream and has replayed a write
 * made after that ({@link Streaming#streamsAndReplays}).
 */
final class StandbyRestore {
    /** What a standby recovers to: the end of the archive and of the stream, on the latest timeline. */
    static final RecoveryTarget TARGET = RecoveryTarget.latest().withTimeline(RecoveryTarget.LATEST);

    private StandbyRestore() {
    }

    /** action standby needs an upstream and takes no target; an upstream needs action standby and is not the node. */
    static void checkCombination(StepSpec spec, ValidationSink problems, boolean standby) {
        Object upstream = spec.params().get("upstream");
        if (standby && upstream == null) {
            problems.problem(spec.locationOf("action"), "action 'standby' needs 'upstream', the node the restored "
                    + "node streams from (e.g. upstream: primary)");
        }
        if (standby && spec.params().get("target") != null) {
            problems.problem(spec.locationOf("target"), "action 'standby' takes no target: a standby replays "
                    + "everything and follows the latest timeline; leave 'target' out, or restore to the target "
                    + "with action: pause or promote and rebuild-replica afterwards");
        }
        if (upstream != null && !standby) {
            problems.problem(spec.locationOf("upstream"), "'upstream' is where a restored standby streams from: "
                    + "add 'action: standby', or leave 'upstream' out");
        }
        Object node = spec.params().getOrDefault("node", "primary");
        if (upstream != null && upstream.equals(node)) {
            problems.problem(spec.locationOf("upstream"), "'node' and 'upstream' are both '" + upstream + "': a "
                    + "standby cannot stream from itself; name the node it follows");
        }
    }

    /**
     * After the restored server accepts SQL: it is in recovery, streams from {@code upstream} and has replayed a
     * new write; outputs {@code upstream}, and {@code lsn} and {@code timeline} as it replays them.
     */
    static void awaitStreaming(StepContext ctx, Node node, Node upstream, long logFrom) throws Exception {
        if (!Probes.inRecovery(ctx, node)) {
            throw new StepFailure("node '" + node.name() + "' restored as a standby accepts SQL but is not in recovery "
                    + "(pg_is_in_recovery() = false)");
        }
        Node writer = Streaming.writer(ctx, null, upstream);
        try {
            Streaming.streamsAndReplays(ctx, node, upstream, writer, "restore as standby check");
        } catch (StepFailure notStreaming) {
            String fatal = RecoveryLog.fatal(node.logSince(logFrom));
            throw fatal == null ? notStreaming : new StepFailure(notStreaming.getMessage() + "; its log: " + fatal);
        }
        ctx.output("upstream", upstream.name());
        try (Connection c = Sql.open(node, null, Probes.probeLimit(ctx))) {
            Object tli = Sql.scalar(c, "SELECT received_tli FROM pg_stat_wal_receiver", Probes.probeLimit(ctx));
            if (tli != null) {
                ctx.output("timeline", tli);
            }
        }
        ctx.evidence("'" + node.name() + "' streams from '" + upstream.name() + "' and replayed a write made on '"
                + writer.name() + "'");
    }
}
