package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.postgres.Lsn;
import dev.pgdrill.engine.postgres.Probes;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code follow: { node: s2, upstream: s1 }}: re-points a running standby to stream from another node,
 * keeping its data (a new {@code primary_conninfo} and slot on the upstream, {@code recovery_target_timeline
 * = latest}, so it follows the upstream across a timeline switch). Passes when the upstream shows it
 * streaming ({@code pg_stat_replication}) and it has replayed a write made after that on the writable node
 * of the chain; {@code seconds} is the time from the request to that replay.
 */
public final class FollowStep extends StepType<FollowStep.Params> {
    record Params(@StepParam(value = "the standby to re-point; it keeps its data", required = true,
                          type = ParamType.NODE) String node,
                  @StepParam(value = "the node it streams from afterwards (a primary or another standby)",
                          required = true, type = ParamType.NODE) String upstream,
                  @StepParam(value = "where the check write is made: default the upstream when it is writable, else "
                          + "the one running node that is", type = ParamType.NODE) String writer) {
        Params {
            if (node != null && node.equals(upstream)) {
                throw new IllegalArgumentException("'node' and 'upstream' are both '" + node + "': a standby cannot "
                        + "stream from itself");
            }
        }
    }

    public FollowStep() {
        super("follow", "Re-point a standby to stream from another node, keeping its data (across a timeline switch); "
                        + "wait until it streams from it and replays a new write", Params.class,
                StepOutput.of("upstream", "the node it streams from now"),
                StepOutput.of("lsn", "the LSN of the check write it was seen to replay"),
                StepOutput.of("timeline", "the timeline it replays on afterwards"),
                StepOutput.of("seconds", "seconds from the re-point request until it had replayed the check write"));
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        Node standby = ctx.node(p.node());
        Node upstream = ctx.node(p.upstream());
        if (!Probes.inRecovery(ctx, standby)) {
            throw new StepFailure("node '" + standby.name() + "' is not a standby (pg_is_in_recovery() = false): only "
                    + "a standby can follow another node");
        }
        Node writer = writer(ctx, p.writer(), upstream);
        long started = System.nanoTime();
        long logFrom = standby.logPosition();
        ctx.env().follow(standby.name(), upstream.name());
        ctx.evidence("re-pointed '" + standby.name() + "' at '" + upstream.name() + "' (slot, primary_conninfo, "
                + "recovery_target_timeline = latest; configuration reloaded)");
        String marker = streamsAndReplays(ctx, standby, upstream, writer, "follow check");
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Connection c = Sql.open(standby, null, Probes.probeLimit(ctx))) {
            Object tli = Sql.scalar(c, "SELECT received_tli FROM pg_stat_wal_receiver", Probes.probeLimit(ctx));
            if (tli != null) {
                ctx.output("timeline", tli);
            }
        }
        for (String line : standby.logSince(logFrom)) {
            if (line.contains("new target timeline") || line.contains("started streaming WAL")
                    || line.contains("primary_conninfo")) {
                ctx.evidence(line);
            }
        }
        ctx.output("upstream", upstream.name());
        ctx.output("lsn", marker);
        ctx.output("seconds", String.format(Locale.ROOT, "%.3f", seconds));
        ctx.measure("follow", seconds, "s");
    }

    /**
     * Waits until {@code standby} streams from {@code upstream} (its {@code pg_stat_replication}), then writes a
     * logical message labelled {@code check} on {@code writer} and waits until {@code standby} has replayed it;
     * the message's LSN.
     */
    static String streamsAndReplays(StepContext ctx, Node standby, Node upstream, Node writer, String check)
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
    static Node writer(StepContext ctx, String writerName, Node upstream) throws Exception {
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
    static String senderState(StepContext ctx, Node upstream, String standby) throws Exception {
        try (Connection c = Sql.open(upstream, null, Probes.probeLimit(ctx));
             PreparedStatement ps = c.prepareStatement("SELECT state FROM pg_stat_replication WHERE application_name = ?")) {
            ps.setString(1, standby);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "no walsender for '" + standby + "'";
            }
        }
    }
}
