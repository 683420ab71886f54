package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.Lsn;
import dev.pgdrill.engine.postgres.Probes;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.postgres.StartupWatch;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code rebuild-replica: {node: replica, from: primary}}: a fresh streaming standby of the current
 * primary; passes once it streams and has replayed a write made after it started.
 */
public final class RebuildReplicaStep extends StepType<RebuildReplicaStep.Params> {
    record Params(@StepParam(value = "node to (re)build; a new name creates a node", dflt = "replica", shorthand = true,
                          type = ParamType.NODE_NAME) String node,
                  @StepParam(value = "primary it follows", dflt = "primary", type = ParamType.NODE) String from) {
    }

    public RebuildReplicaStep() {
        super("rebuild-replica", "Rebuild a node as a fresh streaming standby of a primary; wait until it streams and replays a new write", Params.class,
                StepOutput.of("node", "the node rebuilt"),
                StepOutput.of("lsn", "the LSN of the write it was seen to replay"));
    }

    @Override
    public Set<String> nodesAfter(StepSpec spec, Set<String> nodesBefore) {
        Set<String> after = new LinkedHashSet<>(nodesBefore);
        after.add(asWritten(spec).node());
        return after;
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        String name = p.node();
        Node upstream = ctx.node(p.from());
        Node replica = ctx.env().rebuildReplica(name, upstream.name());
        ctx.node(replica.name());
        ctx.output("node", replica.name());
        long logFrom = 0;
        StartupWatch.await(ctx, replica, "'" + replica.name() + "' to stream from '" + upstream.name() + "'",
                "streaming", logFrom, "rebuild", () -> receiverStatus(ctx, replica));
        String marker;
        try (Connection c = Sql.open(ctx, upstream, null)) {
            marker = (String) Sql.run(c, "SELECT pg_logical_emit_message(false, 'pgdrill', 'replica check')::text",
                    Map.of(), ctx.remaining()).first();
        }
        long want = Lsn.parse(marker);
        ctx.await("'" + replica.name() + "' to replay WAL up to " + marker, null, () -> {
            try (Connection c = Sql.open(replica, null, Probes.probeLimit(ctx))) {
                Object v = Sql.scalar(c, "SELECT pg_last_wal_replay_lsn()::text", Probes.probeLimit(ctx));
                return v == null ? 0L : Lsn.parse((String) v);
            }
        }, lsn -> Lsn.compare(lsn, want) >= 0, Lsn::format);
        ctx.output("lsn", marker);
    }

    private static String receiverStatus(StepContext ctx, Node replica) throws Exception {
        try (Connection c = Sql.open(replica, null, Probes.probeLimit(ctx))) {
            Object status = Sql.scalar(c, "SELECT coalesce((SELECT status FROM pg_stat_wal_receiver), "
                    + "CASE WHEN pg_is_in_recovery() THEN 'no wal receiver' ELSE 'not in recovery' END)",
                    Probes.probeLimit(ctx));
            return String.valueOf(status);
        }
    }
}
