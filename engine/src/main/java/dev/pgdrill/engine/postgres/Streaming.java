package dev.pgdrill.engine.postgres;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The check that a standby streams from its upstream and replays, shared by the steps that move a standby
 * ({@code follow}, {@code rejoin}, {@code start} as a standby, {@code restore} as a standby).
 */
public final class Streaming {
    private Streaming() {
    }

    /**
     * Waits until {@code standby} streams from {@code upstream} (its {@code pg_stat_replication}), then writes a
     * logical message labelled {@code check} on {@code writer} and waits until {@code standby} has replayed it;
     * the message's LSN.
     */
    public static String streamsAndReplays(StepContext ctx, Node standby, Node upstream, Node writer, String check)
            throws Exception {
        ctx.await("'" + standby.name() + "' to stream from '" + upstream.name() + "' (pg_stat_replication on '"
                + upstream.name() + "')", null, () -> senderState(ctx, upstream, standby.name()),
                "streaming"::equals, s -> s);
        String marker;
        try (Connection c = Sql.open(ctx, writer, null)) {
            marker = (String) Sql.run(c, "SELECT pg_logical_emit_message(false, 'pgdrill', :check)::text",
                    Map.of("check", check), ctx.remaining()).first();
        }
        long want = Lsn.parse(marker);
        ctx.await("'" + standby.name() + "' to replay WAL up to " + marker + " (written on '" + writer.name() + "')",
                null, () -> {
                    try (Connection c = Sql.open(standby, null, Probes.probeLimit(ctx))) {
                        Object v = Sql.scalar(c, "SELECT pg_last_wal_replay_lsn()::text", Probes.probeLimit(ctx));
                        return v == null ? 0L : Lsn.parse((String) v);
                    }
                }, lsn -> Lsn.compare(lsn, want) >= 0, Lsn::format);
        return marker;
    }

    /** The node the check write goes to: as named, else the upstream when writable, else the one running writable node. */
    public static Node writer(StepContext ctx, String writerName, Node upstream) throws Exception {
        if (writerName != null) {
            Node named = ctx.node(writerName);
            if (Probes.inRecovery(ctx, named)) {
                throw new StepFailure("writer '" + named.name() + "' is in recovery: name a writable node");
            }
            return named;
        }
        if (!Probes.inRecovery(ctx, upstream)) {
            return upstream;
        }
        List<Node> writable = new ArrayList<>();
        for (String name : ctx.env().nodeNames()) {
            Node n = Probes.answering(ctx, name).orElse(null);
            if (n != null && Probes.ready(ctx, n) && !Probes.inRecovery(ctx, n)) {
                writable.add(n);
            }
        }
        if (writable.size() != 1) {
            throw new StepFailure("upstream '" + upstream.name() + "' is a standby and " + (writable.isEmpty()
                    ? "no running node is writable" : writable.size() + " nodes are writable ("
                    + String.join(", ", writable.stream().map(Node::name).toList()) + ")")
                    + ": name the node of its chain that takes the check write with 'writer:'");
        }
        return writable.get(0);
    }

    /** The state of the walsender serving {@code standby} on {@code upstream}, or what there is instead. */
    public static String senderState(StepContext ctx, Node upstream, String standby) throws Exception {
        try (Connection c = Sql.open(upstream, null, Probes.probeLimit(ctx));
             PreparedStatement ps = c.prepareStatement("SELECT state FROM pg_stat_replication WHERE application_name = ?")) {
            ps.setString(1, standby);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "no walsender for '" + standby + "'";
            }
        }
    }
}
