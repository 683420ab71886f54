package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.scenario.StepSpec;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code rebuild-replica: {node: replica, from: primary}}: a fresh streaming standby of the current
 * primary; passes once it streams and has replayed a write made after it started.
 */
public final class RebuildReplicaStep implements StepType {
    @Override
    public String key() {
        return "rebuild-replica";
    }

    @Override
    public String description() {
        return "Rebuild a node as a fresh streaming standby of a primary; wait until it streams and replays a new write";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.optional("node", ParamType.NODE_NAME, "replica", "node to (re)build; a new name creates a node"),
                Param.optional("from", ParamType.NODE, "primary", "primary it follows"));
    }

    @Override
    public String shorthand() {
        return "node";
    }

    @Override
    public Set<String> outputs() {
        return Set.of("node", "lsn");
    }

    @Override
    public Set<String> nodesAfter(StepSpec spec, Set<String> nodesBefore) {
        Set<String> after = new LinkedHashSet<>(nodesBefore);
        after.add(String.valueOf(spec.params().getOrDefault("node", "replica")));
        return after;
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        String name = ctx.args().string("node", "replica");
        Node upstream = ctx.node(ctx.args().string("from", "primary"));
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
