package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.postgres.Probes;
import dev.pgdrill.engine.postgres.RecoveryLog;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.step.ParamBinder;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.wait.Poller;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code inspect: {on: primary, expect: consistent}}: finds out what state a node's data is really in,
 * instead of assuming: did the server start (else its FATAL/PANIC line), do amcheck's B-tree and heap
 * checks pass, did data checksums fail, can every user table be read (row counts). The verdict is the
 * output {@code fate}: {@code consistent}, {@code damaged} or {@code not-started}.
 */
public final class InspectStep extends StepType<InspectStep.Params> {
    /** How long a node that is still recovering may take to accept connections before it counts as not started. */
    private static final Duration START_GRACE = Duration.ofSeconds(20);
    private static final String INDEXES = "SELECT c.oid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            + " JOIN pg_am am ON am.oid = c.relam WHERE am.amname = 'btree' AND c.relpersistence = 'p'"
            + " AND i.indisvalid AND i.indisready ORDER BY 1";
    private static final String TABLES = "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'r' AND c.relpersistence = 'p' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1";

    /** The fate a drill may require. */
    enum Expect { ANY, CONSISTENT, DAMAGED, NOT_STARTED }

    record Params(@StepParam(value = "node to inspect", dflt = "primary", shorthand = true, type = ParamType.NODE) String on,
                  @StepParam(value = "fail unless the fate is this one (any: only report)", dflt = "any") Expect expect) {
    }

    public InspectStep() {
        super("inspect", "Find out a node's real state: started or not, amcheck (B-tree + heap), checksum failures, "
                + "readable rows", Params.class,
                StepOutput.of("fate", "consistent, damaged or not-started"),
                StepOutput.of("started", "whether the server started"),
                StepOutput.of("amcheck-errors", "index and heap corruptions amcheck found, or skipped"),
                StepOutput.of("checksum-failures", "data checksum failures the server counted"),
                StepOutput.of("rows", "rows read from the tables"));
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        Node node = ctx.node(p.on());
        String fate = started(ctx, node) ? inspectData(ctx, node) : notStarted(ctx, node);
        ctx.output("fate", fate);
        ctx.evidence("fate of '" + node.name() + "': " + fate);
        String expect = ParamBinder.yamlName(p.expect());
        if (p.expect() != Expect.ANY && !expect.equals(fate)) {
            throw new StepFailure("expected node '" + node.name() + "' to be " + expect + ", found " + fate
                    + (ctx.evidence().size() > 1 ? " (" + ctx.evidence().get(0) + ")" : ""));
        }
    }

    private static boolean started(StepContext ctx, Node node) throws InterruptedException {
        if (!node.isRunning()) {
            return false;
        }
        try {
            Duration grace = ctx.remaining().compareTo(START_GRACE) < 0 ? ctx.remaining() : START_GRACE;
            ctx.await("'" + node.name() + "' to accept SQL", grace, () -> Probes.ready(ctx, node), ok -> ok, ok -> "ready");
            return true;
        } catch (StepFailure notReady) {
            ctx.evidence(notReady.getMessage());
            return false;
        }
    }

    private static String notStarted(StepContext ctx, Node node) {
        ctx.output("started", false);
        String fatal = RecoveryLog.fatal(node.logTail(200));
        ctx.evidence(fatal != null ? fatal : "server of '" + node.name() + "' is not running and logged no FATAL/PANIC line");
        return "not-started";
    }

    private static String inspectData(StepContext ctx, Node node) throws SQLException {
        ctx.output("started", true);
        long problems = 0;
        try (Connection c = Sql.open(ctx, node, null)) {
            problems += amcheck(ctx, c);
            long checksumFailures = number(Sql.scalar(c,
                    "SELECT coalesce(sum(checksum_failures), 0) FROM pg_stat_database", ctx.remaining()));
            ctx.output("checksum-failures", checksumFailures);
            ctx.measure("checksum_failures", checksumFailures, "count");
            problems += checksumFailures;
            problems += countRows(ctx, c);
        }
        return problems == 0 ? "consistent" : "damaged";
    }

    /** Runs bt_index_check on every B-tree and verify_heapam on every user table; returns the number of problems. */
    private static long amcheck(StepContext ctx, Connection c) throws SQLException {
        boolean writable = !Boolean.TRUE.equals(Sql.scalar(c, "SELECT pg_is_in_recovery()", ctx.remaining()));
        boolean installed = Sql.scalar(c, "SELECT 1 FROM pg_extension WHERE extname = 'amcheck'", ctx.remaining()) != null;
        if (!installed && writable) {
            Sql.run(c, "CREATE EXTENSION IF NOT EXISTS amcheck", Map.of(), ctx.remaining());
            installed = true;
        }
        if (!installed) {
            ctx.evidence("amcheck is not installed and the node is read-only: index and heap checks skipped");
            ctx.output("amcheck-errors", "skipped");
            return 0;
        }
        long errors = 0;
        for (String index : names(ctx, c, INDEXES)) {
            errors += check(ctx, c, "SELECT bt_index_check(:rel::regclass, true)", index, "index");
        }
        for (String table : names(ctx, c, TABLES)) {
            errors += check(ctx, c, "SELECT count(*) = 0 FROM verify_heapam(:rel::regclass)", table, "table");
        }
        ctx.output("amcheck-errors", errors);
        ctx.measure("amcheck_errors", errors, "count");
        return errors;
    }

    private static long check(StepContext ctx, Connection c, String sql, String relation, String kind) {
        try {
            Object ok = Sql.run(c, sql, Map.of("rel", relation), ctx.remaining()).first();
            if (Boolean.FALSE.equals(ok)) {
                ctx.evidence("amcheck: " + kind + " " + relation + " has corrupt tuples (verify_heapam)");
                return 1;
            }
            return 0;
        } catch (SQLException e) {
            ctx.evidence("amcheck: " + kind + " " + relation + ": " + Poller.firstLine(e));
            return 1;
        }
    }

    /** Counts the rows of every user table; a table that cannot be read counts as one problem. */
    private static long countRows(StepContext ctx, Connection c) throws SQLException {
        long unreadable = 0;
        long total = 0;
        for (String table : names(ctx, c, TABLES)) {
            try {
                // the name comes from the catalog as regclass text, already quoted where needed
                long n = number(Sql.scalar(c, "SELECT count(*) FROM " + table, ctx.remaining()));
                ctx.measure("rows_" + table.replace("\"", ""), n, "rows");
                total += n;
            } catch (SQLException e) {
                ctx.evidence("reading " + table + " failed: " + Poller.firstLine(e));
                unreadable++;
            }
        }
        ctx.output("rows", total);
        return unreadable;
    }

    private static List<String> names(StepContext ctx, Connection c, String sql) throws SQLException {
        return Sql.run(c, sql, Map.of(), ctx.remaining()).rows().stream().map(r -> String.valueOf(r.get(0))).toList();
    }

    private static long number(Object v) {
        return v == null ? 0 : Long.parseLong(String.valueOf(v));
    }
}
