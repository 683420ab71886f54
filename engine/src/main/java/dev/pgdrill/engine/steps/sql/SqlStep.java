package dev.pgdrill.engine.steps.sql;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.model.Placeholders;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.MultiHost;
import dev.pgdrill.engine.postgres.Rows;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.postgres.Texts;
import dev.pgdrill.engine.postgres.Values;
import dev.pgdrill.engine.step.ParamBinder;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code sql: {on: primary, run: "DELETE FROM customers WHERE lastName = :victim", params: {victim: Johnson}}}:
 * runs statements or a query; named parameters are bound, never concatenated.
 */
public final class SqlStep extends StepType<SqlParams> {
    private static final Pattern SQLSTATE = Pattern.compile("[0-9A-Z]{5}");

    public SqlStep() {
        super("sql", "Run SQL on a node (statements with 'run', a query with 'query'); bind :name parameters; "
                + "capture columns", SqlParams.class,
                StepOutput.of("row-count", "rows changed by the statements, or rows returned by the query (0 when the expected error came)"),
                StepOutput.of("node", "the node that ran the SQL (with several nodes: the one the connection kept)"));
    }

    @Override
    public Set<String> outputs(StepSpec spec) {
        Object capture = spec.params().get("capture");
        Set<String> names = new LinkedHashSet<>(outputs());
        if (capture instanceof List<?> l) {
            l.forEach(c -> names.add(String.valueOf(c).toLowerCase(Locale.ROOT)));
        } else if (capture != null && !"false".equalsIgnoreCase(String.valueOf(capture))) {
            names.add("*");
        }
        return names;
    }

    @Override
    protected void checkCombination(StepSpec spec, ValidationSink problems) {
        boolean run = spec.params().containsKey("run");
        boolean query = spec.params().containsKey("query");
        if (run == query) {
            problems.problem(spec.location(), "sql needs exactly one of 'run' (statements) or 'query'"
                    + (run ? ", found both" : ", found neither"));
        }
        Object capture = spec.params().get("capture");
        if (capture != null && !(capture instanceof List<?>) && !(capture instanceof Boolean)
                && !String.valueOf(capture).matches("(?i)true|false") && !Placeholders.mentions(capture)) {
            problems.problem(spec.locationOf("capture"), "'capture' must be true, false or a list of column names, found '"
                    + capture + "'");
        }
        if (capture != null && spec.params().containsKey("expect-error")) {
            problems.problem(spec.locationOf("capture"), "'capture' and 'expect-error' exclude each other");
        }
        if (spec.params().get("run") instanceof List<?>) {
            for (String single : List.of("ledger", "expect-blocked")) {
                if (spec.params().containsKey(single)) {
                    problems.problem(spec.locationOf(single), "'" + single + "' needs 'run' as one text (one "
                            + "transaction), not a list of statements");
                }
            }
        }
        if (spec.params().get("on") instanceof List<?> || spec.params().containsKey("target-session-attrs")) {
            for (String single : List.of("ledger", "expect-blocked")) {
                if (spec.params().containsKey(single)) {
                    problems.problem(spec.locationOf(single), "'" + single + "' needs 'on' as one node, without "
                            + "'target-session-attrs'");
                }
            }
        }
        SqlLedger.validate(spec, problems);
        for (String other : List.of("capture", "expect-error")) {
            if (spec.params().containsKey("expect-blocked") && spec.params().containsKey(other)) {
                problems.problem(spec.locationOf(other), "'" + other + "' and 'expect-blocked' exclude each other");
            }
        }
    }

    @Override
    protected void run(StepContext ctx, SqlParams p) throws Exception {
        List<Node> nodes = p.on().stream().map(ctx::node).toList();
        Node node = nodes.get(0);
        String sql = p.sql();
        String expectError = p.expectError();
        if (p.expectBlocked() != null) {
            ctx.output("node", node.name());
            BlockedSql.run(ctx, node, p);
            return;
        }
        Rows rows;
        SqlLedger write = null;
        String where = String.join(", ", p.on());
        try (MultiHost.Session session = connect(ctx, nodes, p)) {
            Connection c = session.connection();
            node = ctx.node(session.node().name()); // the node whose log a failure shows
            where = node.name();
            write = SqlLedger.begin(ctx, node, p);
            rows = p.statements() != null
                    ? Sql.runEach(c, p.statements(), p.params(), Instant.now().plus(ctx.remaining()))
                    : Sql.run(c, sql, p.params(), ctx.remaining());
            if (write != null) {
                write.acknowledged();
                ctx.evidence(write.describe());
            }
        } catch (SQLException e) {
            if (write != null) {
                write.failed(e);
                ctx.evidence(write.describe());
            }
            if (expectError != null && matches(e, expectError)) {
                ctx.output("row-count", 0);
                ctx.evidence("failed as expected: " + Sql.describe(e));
                return;
            }
            String expected = expectError == null ? "" : " (expected error '" + expectError + "', got another)";
            throw new StepFailure("SQL on '" + where + "' failed: " + Sql.describe(e) + expected
                    + "; SQL: " + Texts.abbreviate(sql), e);
        }
        if (expectError != null) {
            throw new StepFailure("expected the SQL on '" + node.name() + "' to fail with '" + expectError
                    + "', but it succeeded; SQL: " + Texts.abbreviate(sql));
        }
        ctx.output("row-count", rows.updateCount() >= 0 ? rows.updateCount() : rows.rows().size());
        capture(ctx, node, rows, p.capture());
    }

    /**
     * A connection to the node, or with several nodes (or session attributes) a multi-host one; publishes the node
     * that answered as output {@code node}.
     */
    private static MultiHost.Session connect(StepContext ctx, List<Node> nodes, SqlParams p) throws SQLException {
        if (!p.multiHost()) {
            ctx.output("node", nodes.get(0).name());
            return new MultiHost.Session(Sql.open(ctx, nodes.get(0), p.database()), nodes.get(0));
        }
        MultiHost.SessionAttrs attrs = p.targetSessionAttrs() != null ? p.targetSessionAttrs() : MultiHost.SessionAttrs.ANY;
        MultiHost.Session session = MultiHost.open(nodes, attrs, p.database(), ctx.remaining());
        if (session.node() == null) {
            session.connection().close();
            throw new StepFailure("the multi-host connection to " + String.join(", ", p.on())
                    + " answered from a host and port that is none of theirs");
        }
        ctx.output("node", session.node().name());
        ctx.evidence("multi-host connection to " + String.join(", ", p.on()) + " with target-session-attrs "
                + ParamBinder.yamlName(attrs) + " (pgjdbc targetServerType=" + attrs.targetServerType() + "): '"
                + session.node().name() + "' answered");
        return session;
    }

    private static void capture(StepContext ctx, Node node, Rows rows, Object capture) {
        if (capture == null || "false".equalsIgnoreCase(String.valueOf(capture))) {
            return;
        }
        if (rows.isEmpty()) {
            throw new StepFailure("nothing to capture: the query on '" + node.name() + "' returned no rows");
        }
        List<Object> first = rows.rows().get(0);
        if (capture instanceof List<?> names) {
            for (String name : names.stream().map(String::valueOf).toList()) {
                int i = rows.columns().indexOf(name.toLowerCase(Locale.ROOT));
                if (i < 0) {
                    throw new StepFailure("cannot capture '" + name + "': the query returned columns " + rows.columns());
                }
                ctx.output(name.toLowerCase(Locale.ROOT), Values.text(first.get(i)));
            }
        } else {
            for (int i = 0; i < rows.columns().size(); i++) {
                ctx.output(rows.columns().get(i), Values.text(first.get(i)));
            }
        }
    }

    static boolean matches(SQLException e, String expected) {
        String want = expected.trim();
        if (SQLSTATE.matcher(want).matches() && want.equals(e.getSQLState())) {
            return true;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return message.contains(want.toLowerCase(Locale.ROOT));
    }
}
