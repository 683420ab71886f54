package dev.pgdrill.engine.postgres;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.wait.Poller;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * JDBC for steps: one connection per action, closed afterwards; every statement bounded by the
 * step's remaining deadline (query timeout, statement_timeout and socket timeout), values always
 * bound as parameters or, where SQL takes none, written in quoted ({@code :'name'}, {@code :"name"}).
 */
public final class Sql {
    /** A plain table name, optionally schema-qualified: safe to write into SQL text as it is. */
    public static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final Duration SOCKET_SLACK = Duration.ofSeconds(2);
    /** Rows fetched per round trip when a result is read through a cursor. */
    public static final int FETCH_SIZE = 1000;

    private Sql() {
    }

    /** Opens a connection to {@code database} (null: the drill database) bounded by the step deadline. */
    public static Connection open(StepContext ctx, Node node, String database) throws SQLException {
        return open(node, database, ctx.remaining());
    }

    /** Opens a connection whose statements and socket reads give up after {@code limit}. */
    public static Connection open(Node node, String database, Duration limit) throws SQLException {
        return bounded(database == null ? node.connect() : node.connect(database), limit);
    }

    /** Bounds {@code c}'s statements and socket reads by {@code limit}; closes it when that fails. */
    public static Connection bounded(Connection c, Duration limit) throws SQLException {
        try {
            c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, limit.plus(SOCKET_SLACK).toMillis()));
            try (Statement s = c.createStatement()) {
                s.execute("SET statement_timeout = " + Math.max(1, limit.toMillis()));
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Query timeout in whole seconds for the time left (at least 1). */
    public static int timeoutSeconds(Duration left) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left.toMillis() + 999) / 1000));
    }

    /**
     * Runs {@code sql} with named parameters: {@code :name} bound, {@code :'name'} and {@code :"name"}
     * written in quoted (see {@link NamedSql}); without bound parameters it may hold several
     * statements. Returns the rows of the last result (or its update count).
     *
     * @throws StepFailure when a parameter given is not used in the SQL
     */
    public static Rows run(Connection c, String sql, Map<String, Object> params, Duration left) throws SQLException {
        return run(c, sql, params, left, Integer.MAX_VALUE);
    }

    /**
     * As {@link #run(Connection, String, Map, Duration)}, keeping only the first {@code keep} rows of
     * the last result and counting the others. The rows come through a cursor, {@link #FETCH_SIZE} at a
     * time, inside one transaction that is committed, so a result of millions of rows never sits in
     * memory: only what is kept does.
     */
    public static Rows run(Connection c, String sql, Map<String, Object> params, Duration left, int keep)
            throws SQLException {
        if (keep == Integer.MAX_VALUE || !c.getAutoCommit()) {
            return execute(c, sql, params, left, keep);
        }
        c.setAutoCommit(false); // pgjdbc reads a result in batches only inside a transaction
        try {
            Rows r = execute(c, sql, params, left, keep);
            c.commit();
            return r;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException broken) {
                // the connection is gone; the outcome above (rows or the first error) stands
            }
        }
    }

    private static Rows execute(Connection c, String sql, Map<String, Object> params, Duration left, int keep)
            throws SQLException {
        if (params.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(timeoutSeconds(left));
                s.setFetchSize(keep == Integer.MAX_VALUE ? 0 : FETCH_SIZE);
                return collect(s, s.execute(sql), keep);
            }
        }
        NamedSql named = NamedSql.parse(sql, params);
        TreeSet<String> unused = new TreeSet<>(params.keySet());
        unused.removeAll(named.used());
        if (!unused.isEmpty()) {
            throw new StepFailure("parameter(s) " + unused + " not used in the SQL (write them as :name, e.g. :"
                    + unused.first() + ", or :'name' / :\"name\" where SQL takes no bind parameter)");
        }
        if (named.order().isEmpty()) {
            // only quoted values (:'x', :"x"): plain SQL text, which may hold several statements
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(timeoutSeconds(left));
                s.setFetchSize(keep == Integer.MAX_VALUE ? 0 : FETCH_SIZE);
                return collect(s, s.execute(named.text()), keep);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(named.jdbc())) {
            ps.setQueryTimeout(timeoutSeconds(left));
            ps.setFetchSize(keep == Integer.MAX_VALUE ? 0 : FETCH_SIZE);
            for (int i = 0; i < named.order().size(); i++) {
                bind(ps, i + 1, params.get(named.order().get(i)));
            }
            return collect(ps, ps.execute(), keep);
        }
    }

    /**
     * Runs {@code statements} in order on {@code c}, each on its own (so each commits as its own
     * transaction in auto-commit, as a psql script does; a {@code BEGIN} among them opens a block that
     * a later statement ends), each given the parameters it uses and the time left before
     * {@code deadline}. Stops at the first error. Returns the rows (or update count) of the last.
     *
     * @throws StepFailure when a parameter given is used by none of them
     */
    public static Rows runEach(Connection c, List<String> statements, Map<String, Object> params, Instant deadline)
            throws SQLException {
        TreeSet<String> unused = new TreeSet<>(params.keySet());
        List<Map<String, Object>> own = new ArrayList<>();
        for (String statement : statements) {
            Map<String, Object> uses = new LinkedHashMap<>();
            NamedSql.parse(statement, params.keySet()).used().forEach(name -> uses.put(name, params.get(name)));
            unused.removeAll(uses.keySet());
            own.add(uses);
        }
        if (!unused.isEmpty()) {
            throw new StepFailure("parameter(s) " + unused + " not used in any of the statements (write them as :name, e.g. :"
                    + unused.first() + ")");
        }
        Rows last = Rows.updated(-1);
        for (int i = 0; i < statements.size(); i++) {
            Duration left = Duration.between(Instant.now(), deadline);
            last = run(c, statements.get(i), own.get(i), left.isNegative() ? Duration.ZERO : left);
        }
        return last;
    }

    /** Runs a query on {@code node} on a fresh connection. */
    public static Rows query(StepContext ctx, Node node, String sql, Map<String, Object> params) throws SQLException {
        try (Connection c = open(ctx, node, null)) {
            return run(c, sql, params, ctx.remaining());
        }
    }

    /** First column of the first row of {@code sql} on a fresh connection to {@code node}, or null. */
    public static Object scalar(StepContext ctx, Node node, String sql) throws SQLException {
        return query(ctx, node, sql, Map.of()).first();
    }

    /** First column of the first row on an open connection. */
    public static Object scalar(Connection c, String sql, Duration left) throws SQLException {
        return run(c, sql, Map.of(), left).first();
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Long || value instanceof Integer) {
            ps.setLong(index, ((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            ps.setDouble(index, ((Number) value).doubleValue());
        } else if (value instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else {
            // untyped: PostgreSQL infers the type from the context (integer, timestamptz, text, ...)
            ps.setObject(index, String.valueOf(value), Types.OTHER);
        }
    }

    private static Rows collect(Statement s, boolean isResult, int keep) throws SQLException {
        Rows last = Rows.updated(s.getUpdateCount());
        boolean result = isResult;
        while (true) {
            if (result) {
                try (ResultSet rs = s.getResultSet()) {
                    last = read(rs, keep);
                }
            } else {
                int count = s.getUpdateCount();
                if (count == -1) {
                    return last;
                }
                last = Rows.updated(count);
            }
            result = s.getMoreResults();
        }
    }

    private static Rows read(ResultSet rs, int keep) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(Rows.columnName(md.getColumnLabel(i)));
        }
        List<List<Object>> rows = new ArrayList<>();
        long count = 0;
        while (rs.next()) {
            if (count++ >= keep) {
                continue;
            }
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(md.getColumnType(i) == Types.BIT || md.getColumnType(i) == Types.BOOLEAN
                        ? (Boolean) rs.getObject(i) : rs.getString(i));
            }
            rows.add(row);
        }
        return new Rows(columns, rows, -1, count);
    }

    /** Text of a SQL error for messages: first line plus SQLSTATE. */
    public static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
        return Poller.firstLine(e) + state;
    }
}
