package dev.pgdrill.engine.steps.sql;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.postgres.Texts;
import dev.pgdrill.engine.step.ParamProblem;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code verify: {on: primary, query: "SELECT count(*) FROM customers", equals: 2}}: checks a query's
 * result (one value, exact rows, a row count, presence or absence) or a table's checksum; with
 * {@code within} it polls until the check holds.
 */
public final class VerifyStep extends StepType<VerifyStep.Params> {
    static final List<String> CHECKS = List.of("equals", "rows", "count", "present", "absent");

    record Params(@StepParam(value = "node to query", required = true, type = ParamType.NODE) String on,
                  @StepParam(value = "query to check (not with 'checksum')", type = ParamType.SQL) String query,
                  @StepParam(value = "named bind parameters, written :name in the query") Map<String, Object> params,
                  @StepParam(value = "database to connect to", shown = "the drill database") String database,
                  @StepParam(value = "expected value of the single row's first column (or of the checksum)", name = "equals")
                  Object expected,
                  @StepParam(value = "expected rows, in order: a list of rows, each a list of values") Object rows,
                  @StepParam(value = "expected number of rows") Long count,
                  @StepParam(value = "true: at least one row") Boolean present,
                  @StepParam(value = "true: no row") Boolean absent,
                  @StepParam(value = "table whose md5 over all rows (ordered) is checked with 'equals', or published when "
                          + "'equals' is absent") String checksum,
                  @StepParam(value = "poll until the check holds, at most this long") Duration within) {
        Params {
            ParamProblem.require(checksum == null || Sql.PLAIN_NAME.matcher(checksum).matches(), "checksum",
                    "'checksum' must be a table name like customers or public.orders, found '" + checksum + "'");
        }

        /** The expectation given under each name of {@link #CHECKS}, in that order. */
        List<Object> checks() {
            return Arrays.asList(expected, rows, count, present, absent);
        }
    }

    public VerifyStep() {
        super("verify", "Check a query result (equals / rows / count / present / absent) or a table checksum; "
                + "'within' polls", Params.class,
                StepOutput.of("value", "the value the query returned (first column of the first row), when it returned one"),
                StepOutput.of("row-count", "how many rows the query returned"));
    }

    @Override
    protected void checkCombination(StepSpec spec, ValidationSink problems) {
        var p = spec.params();
        long checks = CHECKS.stream().filter(p::containsKey).count();
        if (p.containsKey("checksum")) {
            if (p.containsKey("query")) {
                problems.problem(spec.locationOf("query"), "'checksum' computes its own query: remove 'query'");
            }
            if (checks > (p.containsKey("equals") ? 1 : 0)) {
                problems.problem(spec.location(), "'checksum' is compared with 'equals' only");
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
    protected void run(StepContext ctx, Params p) throws Exception {
        Node node = ctx.node(p.on());
        Check check = check(p);
        Duration within = p.within();
        Instant start = Instant.now();
        Check.Outcome outcome;
        if (within == null) {
            outcome = attempt(ctx, node, p.database(), check);
        } else {
            AtomicReference<Check.Outcome> last = new AtomicReference<>();
            try {
                outcome = ctx.await(check.expectation() + " on '" + node.name() + "'", within.plus(Duration.ofMillis(1)),
                        () -> {
                            Check.Outcome o = attempt(ctx, node, p.database(), check);
                            last.set(o);
                            return o;
                        }, Check.Outcome::holds, Check.Outcome::found);
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

    private static Check.Outcome attempt(StepContext ctx, Node node, String database, Check check) throws Exception {
        try (var c = Sql.open(ctx, node, database)) {
            return check.evaluate(Sql.run(c, check.sql(), check.params(), ctx.remaining(), check.keep()));
        }
    }

    private static void publish(StepContext ctx, Check.Outcome o) {
        if (o.value() != null) {
            ctx.output("value", o.value());
        }
        ctx.output("row-count", o.rowCount());
    }

    private static Check check(Params p) {
        if (p.checksum() != null) {
            // the record checked the name to be a plain identifier, so it can be part of the SQL text
            String sql = "SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM " + p.checksum() + " t";
            return new Check("checksum", sql, Map.of(), p.expected());
        }
        List<Object> given = p.checks();
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) != null) {
                return new Check(CHECKS.get(i), p.query(), p.params(), given.get(i));
            }
        }
        throw new StepFailure("verify needs one of " + String.join(", ", CHECKS));
    }
}
