package dev.pgdrill.environment.container;

import dev.pgdrill.engine.env.Topology;

import java.util.LinkedHashMap;
import java.util.Map;

/** postgresql.auto.conf lines for restored nodes and rebuilt standbys. */
public final class RecoverySettings {
    public static final String RESTORE_COMMAND = "test -f " + ProjectContainers.ARCHIVE + "/%f && cp "
            + ProjectContainers.ARCHIVE + "/%f %p";

    private RecoverySettings() {
    }

    /** Streaming from {@code upstream}'s replication alias through {@code slot}, reading the archive with {@code restoreCommand} (none when empty). */
    private static String forStandby(String upstream, String node, String slot, String password, String restoreCommand) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("primary_conninfo", conninfo(upstream, node, password));
        s.put("primary_slot_name", slot);
        s.put("restore_command", restoreCommand);
        s.put("recovery_target_timeline", "latest");
        return lines(s);
    }

    /**
     * Declared standby {@code decl} streaming from {@code upstream}'s replication alias through {@code slot}: with the
     * archive fallback through {@code restoreCommand} (the run's backup tool) unless it streams only ({@code archive:
     * false}), and with its {@code archive_mode}.
     */
    public static String forStandby(String upstream, Topology.NodeDecl decl, String slot, String password,
                                    String restoreCommand) {
        return forStandby(upstream, decl.name(), slot, password, decl.archive() ? restoreCommand : "")
                + "\narchive_mode = '" + decl.archiveMode().key() + "'";
    }

    /** The settings that re-point a standby at {@code upstream} through {@code slot}, its archive settings untouched. */
    public static String following(String upstream, String node, String slot, String password) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("primary_conninfo", conninfo(upstream, node, password));
        s.put("primary_slot_name", slot);
        s.put("recovery_target_timeline", "latest");
        return lines(s);
    }

    /**
     * The settings that make a stopped node start as a standby: with {@code upstream} (else null) streaming from it
     * through {@code slot}; {@code restoreCommand} unless null; the latest timeline.
     */
    public static String startingAsStandby(String upstream, String node, String slot, String password,
                                           String restoreCommand) {
        Map<String, String> s = new LinkedHashMap<>();
        if (upstream != null) {
            s.put("primary_conninfo", conninfo(upstream, node, password));
            s.put("primary_slot_name", slot);
        }
        if (restoreCommand != null) {
            s.put("restore_command", restoreCommand);
        }
        s.put("recovery_target_timeline", "latest");
        return lines(s);
    }

    /** The setting names {@link #startingAsStandby} replaces, as an extended regular expression. */
    public static String replacedByStartingAsStandby(boolean upstream, boolean restoreCommand) {
        return "recovery_target[a-z_]*" + (upstream ? "|primary_conninfo|primary_slot_name" : "")
                + (restoreCommand ? "|restore_command" : "");
    }

    private static String conninfo(String upstream, String node, String password) {
        return "host=" + ProjectContainers.alias(upstream) + " port=5432 user=" + ContainerNode.ADMIN
                + " password=" + conninfoValue(password) + " application_name=" + node;
    }

    public static String lines(Map<String, String> settings) {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(k).append(" = '").append(v.replace("'", "''")).append("'\n"));
        return sb.toString().stripTrailing();
    }

    /** A libpq conninfo value: single-quoted, with backslashes and quotes escaped. */
    static String conninfoValue(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
