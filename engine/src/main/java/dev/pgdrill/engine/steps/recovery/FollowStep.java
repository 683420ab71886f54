package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.postgres.Probes;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.postgres.Streaming;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.sql.Connection;
import java.util.Locale;

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

    /** See {@link Streaming#streamsAndReplays}. */
    static String streamsAndReplays(StepContext ctx, Node standby, Node upstream, Node writer, String check)
            throws Exception {
        return Streaming.streamsAndReplays(ctx, standby, upstream, writer, check);
    }

    /** See {@link Streaming#writer}. */
    static Node writer(StepContext ctx, String writerName, Node upstream) throws Exception {
        return Streaming.writer(ctx, writerName, upstream);
    }
}
