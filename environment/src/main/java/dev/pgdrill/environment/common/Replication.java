package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.Node;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Streaming replication as both backends set it up: the standby's slot, and whether it streams. */
public final class Replication {
    private Replication() {
    }

    /** The physical slot of {@code standby} on its upstream: {@code <standby>_slot}, '-' becoming '_'. */
    public static String slotFor(String standby) {
        return standby.replace('-', '_') + "_slot";
    }

    /** Ends any user of {@code slot} on {@code upstream} and creates the slot if missing. */
    public static void prepareSlot(Node upstream, String slot, String standby) {
        try (Connection c = upstream.connect()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(active_pid) "
                    + "FROM pg_replication_slots WHERE slot_name = ? AND active_pid IS NOT NULL")) {
                ps.setString(1, slot);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_create_physical_replication_slot(?, true) "
                    + "WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)")) {
                ps.setString(1, slot);
                ps.setString(2, slot);
                ps.execute();
            }
        } catch (SQLException e) {
            throw new EnvironmentException("could not prepare slot '" + slot + "' on node '" + upstream.name()
                    + "' for standby '" + standby + "': " + e.getMessage(), e);
        }
    }

    /** True when {@code upstream} has a walsender in state streaming for {@code applicationName}. */
    public static boolean streaming(Node upstream, String applicationName) {
        try (Connection c = upstream.connect();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_stat_replication WHERE application_name = ? "
                     + "AND state = 'streaming'")) {
            ps.setString(1, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** A CHECKPOINT on {@code node}: after a promotion, its control file then names the new timeline (pg_rewind reads it). */
    public static void checkpoint(Node node) {
        try (Connection c = node.connect(); PreparedStatement ps = c.prepareStatement("CHECKPOINT")) {
            ps.execute();
        } catch (SQLException e) {
            throw new EnvironmentException("could not checkpoint node '" + node.name() + "': " + e.getMessage(), e);
        }
    }
}
