package dev.pgdrill.engine.steps.wait;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.Lag;
import dev.pgdrill.engine.postgres.Lsn;
import dev.pgdrill.engine.postgres.Probes;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.postgres.Texts;
import dev.pgdrill.engine.postgres.Values;
import dev.pgdrill.engine.postgres.Wal;
import dev.pgdrill.engine.step.ParamProblem;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * {@code wait: {for: lag, on: replica, below-bytes: 0}}: polls a real condition until it holds or
 * the step's timeout passes, reporting the last value seen.
 */
public final class WaitStep extends StepType<WaitStep.Params> {
    /** The conditions a wait can be for. */
    enum Condition { READY, WRITABLE, RECOVERY, LAG, SQL, ARCHIVED }

    record Params(@StepParam(value = "condition to wait for", name = "for", required = true, shorthand = true)
                  Condition condition,
                  @StepParam(value = "node to watch (for lag the default is replica)", shown = "primary", type = ParamType.NODE) String on,
                  @StepParam(value = "for lag: the node the replica follows", dflt = "primary", type = ParamType.NODE) String primary,
                  @StepParam(value = "for lag: replay lag in bytes must be <= this", type = ParamType.BYTES) Long belowBytes,
                  @StepParam(value = "for lag: replay lag in seconds must be <= this") Double belowSeconds,
                  @StepParam(value = "for sql: a query whose first value must be true", type = ParamType.SQL) String query,
                  @StepParam(value = "for sql: named bind parameters") Map<String, Object> params,
                  @StepParam(value = "for archived: WAL position whose segment must be archived") String lsn) {
        Params {
            ParamProblem.require(lsn == null || Lsn.isLsn(lsn), "lsn",
                    "'lsn' must be a WAL position like 0/3000148, found '" + lsn + "'");
        }
    }

    public WaitStep() {
        super("wait", "Poll until a node is ready / writable / in recovery, lag is below a bound, a query is true, "
                + "or WAL is archived", Params.class);
    }

    @Override
    protected void checkCombination(StepSpec spec, ValidationSink problems) {
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
        for (String key : List.of("below-bytes", "below-seconds", "primary")) {
            if (p.containsKey(key) && !kind.equals("lag")) {
                problems.problem(spec.locationOf(key), "'" + key + "' only applies to 'for: lag'");
            }
        }
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        Node node = ctx.node(p.on() != null ? p.on() : p.condition() == Condition.LAG ? "replica" : "primary");
        switch (p.condition()) {
            case READY -> Probes.awaitReady(ctx, node);
            case WRITABLE -> Probes.awaitWritable(ctx, node);
            case RECOVERY -> ctx.await("pg_is_in_recovery() = true on '" + node.name() + "'", null,
                    () -> Probes.inRecovery(ctx, node), r -> r, r -> "pg_is_in_recovery() = " + r);
            case LAG -> awaitLag(ctx, p, node);
            case SQL -> awaitSql(ctx, p, node);
            case ARCHIVED -> {
                Wal.Segment seg = Wal.segmentOf(ctx, node, p.lsn());
                Wal.awaitArchived(ctx, node, seg);
                ctx.output("segment", seg.segment());
            }
        }
    }

    private static void awaitLag(StepContext ctx, Params p, Node replica) throws Exception {
        Node primary = ctx.node(p.primary());
        Long maxBytes = p.belowBytes();
        Double maxSeconds = p.belowSeconds();
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

    private static void awaitSql(StepContext ctx, Params p, Node node) throws Exception {
        String query = p.query();
        ctx.await("'" + Texts.abbreviate(query) + "' to return true on '" + node.name() + "'", null, () -> {
            try (Connection c = Sql.open(node, null, Probes.probeLimit(ctx))) {
                return Sql.run(c, query, p.params(), Probes.probeLimit(ctx)).first();
            }
        }, v -> v != null && Boolean.TRUE.equals(Values.bool(v)), v -> v == null ? "no row / NULL" : Values.text(v));
    }
}
