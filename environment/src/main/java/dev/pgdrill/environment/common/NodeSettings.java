package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.engine.wait.Poller;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A declared node's own server settings ({@code environment: nodes: NAME: settings:}), applied the same way
 * on every backend: {@code ALTER SYSTEM} on the running node (its {@code postgresql.auto.conf}, on a standby
 * too), the statement built by the server's own {@code format('%I = %L')} from bound values, then a reload,
 * or a restart when one of them takes effect only at server start. A value the server refuses stops the
 * set-up with its message.
 */
public final class NodeSettings {
    private NodeSettings() {
    }

    /** Writes {@code settings} into {@code node}'s configuration and makes them take effect, within {@code deadline}. */
    public static void apply(BackendNode node, Map<String, String> settings, Poller deadline) {
        List<String> atStart = new ArrayList<>();
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            for (Map.Entry<String, String> e : settings.entrySet()) {
                String sql;
                String context;
                try (PreparedStatement ps = c.prepareStatement("SELECT format('ALTER SYSTEM SET %I = %L', ?::text, "
                        + "?::text), (SELECT context FROM pg_settings WHERE name = ?)")) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.setString(3, e.getKey());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        sql = rs.getString(1);
                        context = rs.getString(2);
                    }
                }
                try {
                    s.execute(sql);
                } catch (SQLException refused) {
                    throw new EnvironmentException("node '" + node.name() + "': the server refuses setting '"
                            + e.getKey() + "' = '" + e.getValue() + "': " + refused.getMessage(), refused);
                }
                if ("postmaster".equals(context)) {
                    atStart.add(e.getKey());
                }
            }
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new EnvironmentException("could not apply the settings of node '" + node.name() + "': "
                    + e.getMessage(), e);
        }
        if (!atStart.isEmpty()) {
            restart(node, deadline, String.join(", ", atStart));
        }
    }

    private static void restart(BackendNode node, Poller deadline, String why) {
        node.stop(StopMode.FAST);
        node.start();
        Poller.Outcome<Boolean> up = deadline.poll("node '" + node.name() + "' to accept connections after a restart "
                + "for its settings (" + why + ")", () -> {
                    if (!node.isRunning()) {
                        return true;   // it gave up: no use waiting
                    }
                    try (Connection c = node.connect()) {
                        return c.isValid(2);
                    } catch (SQLException e) {
                        return false;
                    }
                });
        if (!up.reached() || !node.isRunning()) {
            throw new EnvironmentException((up.reached() ? "node '" + node.name() + "' did not start again after a "
                    + "restart for its settings (" + why + ")" : up.message()) + "; last log lines of node '" + node.name() + "':\n"
                    + String.join("\n", node.logTail(20)));
        }
    }
}
