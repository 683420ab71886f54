package dev.pgdrill.engine.steps.sql;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.ledger.Ledgers;
import dev.pgdrill.engine.ledger.Presence;
import dev.pgdrill.engine.ledger.WriteLedger;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.NamedSql;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.ValidationSink;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the write of one {@code sql} step in a ledger, so {@code rpo} can tell later whether it
 * survived a recovery:
 * <pre>
 * sql:
 *   on: primary
 *   run: INSERT INTO customers (firstName, lastName, email) VALUES ('Charlie', 'Davis', :email)
 *   params: { email: charlie.davis@example.com }
 *   ledger: critical                 # record the outcome in ledger "critical"
 *   key: charlie                     # names the write in reports (default: the step id or name)
 *   present-if: SELECT count(*) > 0 FROM customers WHERE email = :email   # same params; true when present
 * </pre>
 * The statement's acknowledgement, error, or broken connection (unknown outcome) is recorded.
 */
final class SqlLedger {
    private final WriteLedger ledger;
    private final long seq;

    private SqlLedger(WriteLedger ledger, long seq) {
        this.ledger = ledger;
        this.seq = seq;
    }

    static void validate(StepSpec spec, ValidationSink problems) {
        var p = spec.params();
        boolean ledger = p.containsKey("ledger");
        if (ledger && !p.containsKey("present-if")) {
            problems.problem(spec.locationOf("ledger"), "'ledger' needs 'present-if': a query that returns true when the "
                    + "write is present on a node, e.g. SELECT count(*) > 0 FROM customers WHERE email = :email");
        }
        for (String k : List.of("key", "present-if")) {
            if (p.containsKey(k) && !ledger) {
                problems.problem(spec.locationOf(k), "'" + k + "' only applies with 'ledger'");
            }
        }
    }

    /** Records the write as in flight in the step's ledger; null when the step names no ledger. */
    static SqlLedger begin(StepContext ctx, Node node, SqlParams p) {
        String name = p.ledger();
        if (name == null) {
            return null;
        }
        WriteLedger ledger = Ledgers.of(ctx.state(), name);
        return new SqlLedger(ledger, ledger.begin(key(ctx, p), ctx.spec().label(), node.name(), presence(p)));
    }

    void acknowledged() {
        ledger.acknowledge(seq, null);
    }

    void failed(SQLException e) {
        ledger.fail(seq, WriteLedger.statusFor(e.getSQLState()), Sql.describe(e));
    }

    /** Marks the write unknown if it has no outcome yet. */
    void abandon(String why) {
        ledger.abandon(seq, why);
    }

    String describe() {
        return ledger.entries().get((int) seq - 1).describe() + " [ledger '" + ledger.name() + "']";
    }

    private static String key(StepContext ctx, SqlParams p) {
        if (p.key() != null) {
            return p.key();
        }
        StepSpec s = ctx.spec();
        return s.id() != null ? s.id() : s.label();
    }

    /** The present-if query with only the bind parameters it uses. */
    private static Presence presence(SqlParams p) {
        String sql = p.presentIf();
        Map<String, Object> all = p.params();
        NamedSql named = NamedSql.parse(sql, all.keySet());
        Map<String, Object> used = new LinkedHashMap<>();
        named.used().forEach(n -> used.put(n, all.get(n)));
        return new Presence.Query(sql, used, p.database());
    }
}
