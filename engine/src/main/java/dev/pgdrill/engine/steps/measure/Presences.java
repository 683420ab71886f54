package dev.pgdrill.engine.steps.measure;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.ledger.LedgerEntry;
import dev.pgdrill.engine.ledger.Presence;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.postgres.Texts;
import dev.pgdrill.engine.postgres.Values;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds which recorded writes are present on a node: workload rows by their seq (one query per
 * table; a table that does not exist there holds none), single SQL writes by their present-if query.
 */
final class Presences {
    private static final String UNDEFINED_TABLE = "42P01";

    private Presences() {
    }

    /** Ledger seqs of the entries present on {@code node}. */
    static Set<Long> on(StepContext ctx, Node node, List<LedgerEntry> entries) throws SQLException {
        Set<Long> present = new HashSet<>();
        Map<String, Map<Long, Long>> rowsByTable = new LinkedHashMap<>();
        for (LedgerEntry e : entries) {
            if (e.presence() instanceof Presence.Row row) {
                rowsByTable.computeIfAbsent(row.table(), t -> new LinkedHashMap<>()).put(row.id(), e.seq());
            } else if (e.presence() instanceof Presence.Query q && queryTrue(ctx, node, e, q)) {
                present.add(e.seq());
            }
        }
        if (!rowsByTable.isEmpty()) {
            try (Connection c = Sql.open(ctx, node, null)) {
                for (var t : rowsByTable.entrySet()) {
                    for (long id : rowsPresent(c, t.getKey(), t.getValue().keySet())) {
                        present.add(t.getValue().get(id));
                    }
                }
            }
        }
        return present;
    }

    private static List<Long> rowsPresent(Connection c, String table, Set<Long> ids) throws SQLException {
        List<Long> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + table + " WHERE seq = ANY (?)")) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return List.of(); // the table never reached this node: none of its rows did
            }
            throw e;
        }
        return found;
    }

    private static boolean queryTrue(StepContext ctx, Node node, LedgerEntry e, Presence.Query q) throws SQLException {
        Object value;
        try (Connection c = Sql.open(ctx, node, q.database())) {
            value = Sql.run(c, q.sql(), q.params(), ctx.remaining()).first();
        } catch (SQLException ex) {
            throw new StepFailure("present-if of write '" + e.key() + "' failed on '" + node.name() + "': "
                    + Sql.describe(ex) + "; SQL: " + Texts.abbreviate(q.sql()), ex);
        }
        if (value == null) {
            return false; // no row, or NULL: not there
        }
        Boolean b = Values.bool(value);
        if (b != null) {
            return b;
        }
        BigDecimal n = Values.number(value);
        if (n == null) {
            throw new StepFailure("present-if of write '" + e.key() + "' must return true/false or a count, found "
                    + Values.show(value) + "; SQL: " + Texts.abbreviate(q.sql()));
        }
        return n.signum() > 0;
    }
}
