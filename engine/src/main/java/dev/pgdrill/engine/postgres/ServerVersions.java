package dev.pgdrill.engine.postgres;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.Node;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The exact server version of each node of an environment, as evidence of what a drill ran on. */
public final class ServerVersions {
    private static final Duration LIMIT = Duration.ofSeconds(5);
    /** PostgreSQL's default {@code wal_segment_size}; another size is named after the version. */
    private static final String DEFAULT_WAL_SEGMENT = "16MB";

    private ServerVersions() {
    }

    /**
     * {@code primary 17.12 (Debian 17.12-1) [170012]; replica ...}: each node's {@code server_version} and
     * {@code server_version_num}, followed by {@code , WAL segments 1MB} when its WAL segment size is not
     * PostgreSQL's default 16MB, in the environment's order; a node that does not answer says why.
     *
     * @return null when no node answered (an environment without servers, such as a test fake)
     */
    public static String describe(Environment env) {
        List<String> parts = new ArrayList<>();
        boolean known = false;
        for (String name : env.nodeNames()) {
            Node node = env.node(name).orElse(null);
            String version;
            try {
                version = node == null ? "(gone)" : of(node);
                known = known || node != null;
            } catch (SQLException | RuntimeException e) {
                version = "(version not known: " + e.getMessage() + ")";
            }
            parts.add(name + " " + version);
        }
        return known ? String.join("; ", parts) : null;
    }

    private static String of(Node node) throws SQLException {
        try (Connection c = Sql.open(node, null, LIMIT)) {
            Object segment = Sql.scalar(c, "SELECT current_setting('wal_segment_size')", LIMIT);
            return Sql.scalar(c, "SELECT current_setting('server_version')", LIMIT) + " ["
                    + Sql.scalar(c, "SELECT current_setting('server_version_num')", LIMIT) + "]"
                    + (DEFAULT_WAL_SEGMENT.equals(segment) ? "" : ", WAL segments " + segment);
        }
    }
}
