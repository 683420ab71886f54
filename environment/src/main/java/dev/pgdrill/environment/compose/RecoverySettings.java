package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.RecoveryTarget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** postgresql.auto.conf lines for restored nodes and rebuilt standbys, and the standby's slot. */
final class RecoverySettings {
    static final String RESTORE_COMMAND = "test -f " + ProjectContainers.ARCHIVE + "/%f && cp "
            + ProjectContainers.ARCHIVE + "/%f %p";

    private RecoverySettings() {
    }

    /** Archive recovery to {@code target} then {@code action} (promote, pause or shutdown); no upstream. */
    static String forRestore(RecoveryTarget target, String action) {
        RecoveryTarget t = target == null ? RecoveryTarget.latest() : target;
        Map<String, String> s = new LinkedHashMap<>();
        s.put("restore_command", RESTORE_COMMAND);
        s.put("recovery_target_timeline", "latest");
        if (t.settingName() != null) {
            s.put(t.settingName(), t.settingValue());
            s.put("recovery_target_action", action == null || action.isBlank() ? "promote" : action);
            if (t.kind() == RecoveryTarget.Kind.TIME || t.kind() == RecoveryTarget.Kind.LSN
                    || t.kind() == RecoveryTarget.Kind.XID) {
                s.put("recovery_target_inclusive", Boolean.toString(t.inclusive()));
            }
        }
        return lines(s);
    }

    /** Streaming from {@code upstream}'s replication alias through {@code slot}, plus the archive. */
    static String forStandby(String upstream, String node, String slot, String password) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("primary_conninfo", "host=" + ProjectContainers.alias(upstream) + " port=5432 user=" + ComposeNode.ADMIN
                + " password=" + conninfoValue(password) + " application_name=" + node);
        s.put("primary_slot_name", slot);
        s.put("restore_command", RESTORE_COMMAND);
        s.put("recovery_target_timeline", "latest");
        return lines(s);
    }

    /** Ends any user of {@code slot} on {@code upstream} and creates the slot if missing. */
    static void prepareSlot(ComposeNode upstream, String slot, String standby) {
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

    static String lines(Map<String, String> settings) {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(k).append(" = '").append(v.replace("'", "''")).append("'\n"));
        return sb.toString().stripTrailing();
    }

    /** A libpq conninfo value: single-quoted, with backslashes and quotes escaped. */
    static String conninfoValue(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
