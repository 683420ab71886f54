package dev.pgdrill.environment;

import dev.pgdrill.engine.env.Node;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** JDBC and polling helpers for the integration tests of both backends. */
public final class NodeSql {
    private NodeSql() {
    }

    /** A condition to poll; an exception counts as not yet. */
    public interface Check {
        boolean test() throws Exception;
    }

    /** The first column of the first row of {@code sql} on {@code node}, as a long. */
    public static long queryLong(Node node, String sql) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of the first row of {@code sql} on {@code node}, as a string. */
    public static String queryString(Node node, String sql) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    public static void exec(Node node, String sql) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Polls {@code check} every {@code pause} (exceptions count as false) until true or the timeout, then
     * fails naming {@code what} and the last error.
     */
    public static void await(Duration timeout, Duration pause, String what, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.test()) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(pause.toMillis());
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what
                + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
    }
}
