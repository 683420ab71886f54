package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.scenario.Durations;
import dev.pgdrill.engine.scenario.StepSpec;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code verify: {on: primary, query: "SELECT count(*) FROM customers", equals: 2}}: checks a query's
 * result (one value, exact rows, a row count, presence or absence) or a table's checksum; with
 * {@code within} it polls until the check holds.
 */
public final class VerifyStep implements StepType {
    static final List<String> CHECKS = List.of("equals", "rows", "count", "present", "absent");

    @Override
    public String key() {
        return "verify";
    }

    @Override
    public String description() {
        return "Check a query result (equals / rows / count / present / absent) or a table checksum; 'within' polls";
    }

    @Override
    public List<Param> params() {
        return List.of(NodeParams.onRequired("node to query"),
                Param.optional("query", ParamType.SQL, "query to check (not with 'checksum')"),
                Param.optional("params", ParamType.MAP, "named bind parameters, written :name in the query"),
                NodeParams.database(),
                Param.optional("equals", ParamType.ANY, "expected value of the single row's first column (or of the checksum)"),
                Param.optional("rows", ParamType.ANY, "expected rows, in order: a list of rows, each a list of values"),
                Param.optional("count", ParamType.INTEGER, "expected number of rows"),
                Param.optional("present", ParamType.BOOLEAN, "true: at least one row"),
                Param.optional("absent", ParamType.BOOLEAN, "true: no row"),
                Param.optional("checksum", ParamType.STRING,
                        "table whose md5 over all rows (ordered) is checked with 'equals', or published when 'equals' is absent"),
                Param.optional("within", ParamType.DURATION, "poll until the check holds, at most this long"));
    }

    @Override
    public Set<String> outputs() {
        return Set.of("value", "row-count");
    }

    @Override
    public void validate(StepSpec spec, ValidationSink problems) {
        var p = spec.params();
        long checks = CHECKS.stream().filter(p::containsKey).count();
        if (p.containsKey("checksum")) {
            if (p.containsKey("query")) {
                problems.problem(spec.locationOf("query"), "'checksum' computes its own query: remove 'query'");
            }
            if (checks > (p.containsKey("equals") ? 1 : 0)) {
                problems.problem(spec.location(), "'checksum' is compared with 'equals' only");
            }
            String table = String.valueOf(p.get("checksum"));
            if (!table.contains("${") && !Sql.PLAIN_NAME.matcher(table).matches()) {
                problems.problem(spec.locationOf("checksum"), "'checksum' must be a table name like customers or "
                        + "public.orders, found '" + table + "'");
            }
            return;
        }
        if (!p.containsKey("query")) {
            problems.problem(spec.location(), "verify needs 'query' (or 'checksum: <table>')");
        }
        if (checks != 1) {
            problems.problem(spec.location(), "verify needs exactly one of " + String.join(", ", CHECKS)
                    + (checks == 0 ? ", found none" : ", found " + checks));
        }
        if (p.get("rows") != null && !(p.get("rows") instanceof List<?>)) {
            problems.problem(spec.locationOf("rows"), "'rows' must be a list of rows, e.g. [[1, Bob], [2, Alice]]");
        }
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        Node node = ctx.node(ctx.args().string(NodeParams.ON));
        Check check = Check.of(ctx.args());
        Duration within = ctx.args().duration("within", null);
        Instant start = Instant.now();
        Outcome outcome;
        if (within == null) {
            outcome = attempt(ctx, node, check);
        } else {
            java.util.concurrent.atomic.AtomicReference<Outcome> last = new java.util.concurrent.atomic.AtomicReference<>();
            try {
                outcome = ctx.await(check.expectation() + " on '" + node.name() + "'", within.plus(Duration.ofMillis(1)),
                        () -> {
                            Outcome o = attempt(ctx, node, check);
                            last.set(o);
                            return o;
                        }, Outcome::holds, Outcome::found);
            } catch (StepFailure timedOut) {
                if (last.get() == null) {
                    throw new StepFailure("verify on '" + node.name() + "': " + timedOut.getMessage()
                            + "; query: " + Texts.abbreviate(check.sql()));
                }
                outcome = last.get();
            }
        }
        publish(ctx, outcome);
        if (!outcome.holds()) {
            String waited = within == null ? "" : " after polling for " + Durations.format(Duration.between(start, Instant.now()));
            throw new StepFailure("verify on '" + node.name() + "': expected " + check.expectation() + ", found "
                    + outcome.found() + waited + "; query: " + Texts.abbreviate(check.sql()));
        }
    }

    private static Outcome attempt(StepContext ctx, Node node, Check check) throws Exception {
        try (var c = Sql.open(ctx, node, ctx.args().string("database", null))) {
            return check.evaluate(Sql.run(c, check.sql(), check.params(), ctx.remaining(), check.keep()));
        }
    }

    private static void publish(StepContext ctx, Outcome o) {
        if (o.value() != null) {
            ctx.output("value", o.value());
        }
        ctx.output("row-count", o.rowCount());
    }

    /** One evaluation: whether the check held, what was found (for messages), the value found. */
    record Outcome(boolean holds, String found, String value, long rowCount) {
    }
}
