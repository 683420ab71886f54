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

    private ServerVersions() {
    }

    /**
     * {@code primary 17.12 (Debian 17.12-1) [170012]; replica ...}: each node's {@code server_version} and
     * {@code server_version_num}, in the environment's order; a node that does not answer says why.
     */
    public static String describe(Environment env) {
        List<String> parts = new ArrayList<>();
        for (String name : env.nodeNames()) {
            parts.add(name + " " + env.node(name).map(ServerVersions::of).orElse("(gone)"));
        }
        return String.join("; ", parts);
    }

    private static String of(Node node) {
        try (Connection c = Sql.open(node, null, LIMIT)) {
            return Sql.scalar(c, "SELECT current_setting('server_version')", LIMIT) + " ["
                    + Sql.scalar(c, "SELECT current_setting('server_version_num')", LIMIT) + "]";
        } catch (SQLException | RuntimeException e) {
            return "(version not known: " + e.getMessage() + ")";
        }
    }
}
