package dev.pgdrill.engine.env;


import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** The leader of a cluster without a failover manager: the one running node that is out of recovery. */
public final class Leaders {
    private static final int PROBE_SECONDS = 5;

    private Leaders() {
    }

    /** The timeline of {@code node}'s current WAL file when it is out of recovery; empty while in recovery or down. */
    public static OptionalLong timelineOf(Node node) {
        try {
            State st = state(node);
            return st.recovery() ? OptionalLong.empty() : OptionalLong.of(st.timeline());
        } catch (SQLException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether {@code node} is in recovery, and out of it the timeline of its current WAL file (0 in recovery). */
    private record State(boolean recovery, long timeline) {
    }

    private static State state(Node node) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.setQueryTimeout(PROBE_SECONDS);
            try (ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), CASE WHEN pg_is_in_recovery() THEN NULL "
                    + "ELSE substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8) END")) {
                rs.next();
                boolean recovery = rs.getBoolean(1);
                return new State(recovery, recovery ? 0 : Long.parseLong(rs.getString(2), 16));
            }
        }
    }

    /**
     * The one node of {@code names} (found with {@code nodes}) that runs, is not paused and answers {@code pg_is_in_recovery() = false}, with the
     * timeline of its current WAL file; empty when none does or more than one does (no single leader).
     */
    public static Optional<Leader> bySql(List<String> names, Function<String, Optional<Node>> nodes) {
        List<String> writable = new ArrayList<>();
        List<String> members = new ArrayList<>();
        long timeline = 0;
        for (String name : names) {
            Node node = nodes.apply(name).orElse(null);
            if (node == null || !node.isRunning() || node.isPaused()) {
                members.add(name + ": " + (node == null ? "absent" : node.isRunning() ? "paused" : "down"));
                continue;
            }
            try {
                State st = state(node);
                members.add(name + ": " + (st.recovery() ? "in recovery" : "primary"));
                if (!st.recovery()) {
                    writable.add(name);
                    timeline = st.timeline();
                }
            } catch (SQLException | RuntimeException e) {
                members.add(name + ": " + e.getMessage());
            }
        }
        return writable.size() == 1 ? Optional.of(new Leader(writable.get(0), timeline, "pg_is_in_recovery()", members))
                : Optional.empty();
    }
}
