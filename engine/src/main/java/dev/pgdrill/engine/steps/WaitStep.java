package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.scenario.StepSpec;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.sql.Connection;
import java.util.List;
import java.util.Locale;

/**
 * {@code wait: {for: lag, on: replica, below-bytes: 0}}: polls a real condition until it holds or
 * the step's timeout passes, reporting the last value seen.
 */
public final class WaitStep implements StepType {
    @Override
    public String key() {
        return "wait";
    }

    @Override
    public String description() {
        return "Poll until a node is ready / writable / in recovery, lag is below a bound, a query is true, or WAL is archived";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.oneOf("for", true, null, "condition to wait for",
                        "ready", "writable", "recovery", "lag", "sql", "archived"),
                Param.optional(NodeParams.ON, ParamType.NODE, "primary", "node to watch (for lag the default is replica)"),
                Param.optional("primary", ParamType.NODE, "primary", "for lag: the node the replica follows"),
                Param.optional("below-bytes", ParamType.BYTES, "for lag: replay lag in bytes must be <= this"),
                Param.optional("below-seconds", ParamType.NUMBER, "for lag: replay lag in seconds must be <= this"),
                Param.optional("query", ParamType.SQL, "for sql: a query whose first value must be true"),
                Param.optional("params", ParamType.MAP, "for sql: named bind parameters"),
                Param.optional("lsn", ParamType.STRING, "for archived: WAL position whose segment must be archived"));
    }

    @Override
    public String shorthand() {
        return "for";
    }

    @Override
    public void validate(StepSpec spec, ValidationSink problems) {
        String kind = String.valueOf(spec.params().get("for"));
        var p = spec.params();
        if (kind.equals("lag") && !p.containsKey("below-bytes") && !p.containsKey("below-seconds")) {
            problems.problem(spec.location(), "wait for lag needs 'below-bytes' and/or 'below-seconds'");
        }
        if (kind.equals("sql") && !p.containsKey("query")) {
            problems.problem(spec.location(), "wait for sql needs 'query' (returning true when done)");
        }
        if (kind.equals("archived") && !p.containsKey("lsn")) {
            problems.problem(spec.location(), "wait for archived needs 'lsn', e.g. ${steps.before.lsn}");
        }
        Object lsn = p.get("lsn");
        if (lsn != null && !String.valueOf(lsn).contains("${") && !Lsn.isLsn(String.valueOf(lsn))) {
            problems.problem(spec.locationOf("lsn"), "'lsn' must be a WAL position like 0/3000148, found '" + lsn + "'");
        }
        for (String key : List.of("below-bytes", "below-seconds", "primary")) {
            if (p.containsKey(key) && !kind.equals("lag")) {
                problems.problem(spec.locationOf(key), "'" + key + "' only applies to 'for: lag'");
            }
        }
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        String kind = ctx.args().string("for").toLowerCase(Locale.ROOT);
        Node node = ctx.node(ctx.args().string(NodeParams.ON, kind.equals("lag") ? "replica" : "primary"));
        switch (kind) {
            case "ready" -> Probes.awaitReady(ctx, node);
            case "writable" -> Probes.awaitWritable(ctx, node);
            case "recovery" -> ctx.await("pg_is_in_recovery() = true on '" + node.name() + "'", null,
                    () -> Probes.inRecovery(ctx, node), r -> r, r -> "pg_is_in_recovery() = " + r);
            case "lag" -> awaitLag(ctx, node);
            case "sql" -> awaitSql(ctx, node);
            case "archived" -> {
                Wal.Segment seg = Wal.segmentOf(ctx, node, ctx.args().string("lsn"));
                Wal.awaitArchived(ctx, node, seg);
                ctx.output("segment", seg.segment());
            }
            default -> throw new IllegalArgumentException("unknown wait condition " + kind);
        }
    }

    private static void awaitLag(StepContext ctx, Node replica) throws Exception {
        Node primary = ctx.node(ctx.args().string("primary", "primary"));
        Long maxBytes = ctx.args().has("below-bytes") ? ctx.args().bytes("below-bytes", 0) : null;
        Double maxSeconds = ctx.args().has("below-seconds") ? ctx.args().number("below-seconds", 0) : null;
        String bound = (maxBytes == null ? "" : "<= " + maxBytes + " bytes")
                + (maxBytes != null && maxSeconds != null ? " and " : "")
                + (maxSeconds == null ? "" : "<= " + maxSeconds + "s");
        Lag.Reading r = ctx.await("replication lag of '" + replica.name() + "' " + bound, null, () -> {
            Lag.Reading reading = Lag.measure(ctx, primary, replica);
            ctx.sample("lag_bytes", reading.bytes());
            if (reading.seconds() != null) {
                ctx.sample("lag_seconds", reading.seconds());
            }
            return reading;
        }, reading -> (maxBytes == null || reading.bytes() <= maxBytes)
                && (maxSeconds == null || (reading.seconds() != null && reading.seconds() <= maxSeconds)),
                Lag.Reading::describe);
        ctx.measure("lag_bytes", r.bytes(), "bytes");
        if (r.seconds() != null) {
            ctx.measure("lag_seconds", r.seconds(), "s");
        }
    }

    private static void awaitSql(StepContext ctx, Node node) throws Exception {
        String query = ctx.args().string("query");
        ctx.await("'" + Texts.abbreviate(query) + "' to return true on '" + node.name() + "'", null, () -> {
            try (Connection c = Sql.open(node, null, Probes.probeLimit(ctx))) {
                return Sql.run(c, query, ctx.args().map("params"), Probes.probeLimit(ctx)).first();
            }
        }, v -> v != null && Boolean.TRUE.equals(Values.bool(v)), v -> v == null ? "no row / NULL" : Values.text(v));
    }
}
