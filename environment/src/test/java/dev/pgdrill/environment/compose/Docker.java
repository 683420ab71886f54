package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.Node;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Helpers for the Compose integration tests: the engine check, leftovers of a project, JDBC. */
final class Docker {
    private Docker() {
    }

    interface Check {
        boolean test() throws Exception;
    }

    static void assumeEngine() {
        Assumptions.assumeTrue(DockerEngine.available(),
                "no Docker engine reachable at /var/run/docker.sock: compose tests skipped");
    }

    /** Containers, networks and volumes that still carry the project's label. */
    static List<String> leftovers(String project) {
        try (DockerEngine engine = DockerEngine.connect()) {
            ProjectContainers pc = new ProjectContainers(engine, project, "unused");
            List<String> left = new ArrayList<>();
            pc.containers().forEach(c -> left.add("container " + String.join(",", c.getNames())));
            pc.networks().forEach(n -> left.add("network " + n.getName()));
            pc.volumes().forEach(v -> left.add("volume " + v));
            return left;
        }
    }

    /** Removes whatever a failed test left of the project. */
    static void sweep(String project) {
        try (DockerEngine engine = DockerEngine.connect()) {
            new ProjectContainers(engine, project, "unused").sweep();
        }
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
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what
                + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
    }
}
