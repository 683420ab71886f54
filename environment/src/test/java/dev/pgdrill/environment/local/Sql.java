package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Node;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Small JDBC helpers for the integration tests. */
final class Sql {
    private Sql() {
    }

    interface Check {
        boolean test() throws Exception;
    }

    static void assumePostgresInstalled() {
        boolean found;
        try {
            PgBinaries.discover(null);
            found = true;
        } catch (RuntimeException e) {
            found = false;
        }
        Assumptions.assumeTrue(found, "PostgreSQL server binaries are not installed here: local environment "
                + "integration tests skipped");
    }

    static long queryLong(Node node, String sql) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String queryString(Node node, String sql) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void exec(Node node, String sql) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Polls {@code check} (exceptions count as false) until true or the timeout, then fails. */
    static void await(Duration timeout, String what, Check check) throws InterruptedException {
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
            Thread.sleep(50);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what
                + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
    }
}
