package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.RecoveryTarget;

import java.util.Map;

/** The settings of archive recovery for a restored node, in the order both backends write them. */
public final class ArchiveRecovery {
    private ArchiveRecovery() {
    }

    /**
     * Adds {@code restore_command}, {@code recovery_target_timeline=latest} and, unless {@code target}
     * is latest (or null), the target setting, {@code recovery_target_action} ({@code action}, promote
     * when blank) and, for time, lsn and xid targets, {@code recovery_target_inclusive}.
     */
    public static void put(Map<String, String> settings, String restoreCommand, RecoveryTarget target, String action) {
        RecoveryTarget t = target == null ? RecoveryTarget.latest() : target;
        settings.put("restore_command", restoreCommand);
        settings.put("recovery_target_timeline", "latest");
        if (t.settingName() != null) {
            settings.put(t.settingName(), t.settingValue());
            settings.put("recovery_target_action", action == null || action.isBlank() ? "promote" : action);
            if (t.kind() == RecoveryTarget.Kind.TIME || t.kind() == RecoveryTarget.Kind.LSN
                    || t.kind() == RecoveryTarget.Kind.XID) {
                settings.put("recovery_target_inclusive", Boolean.toString(t.inclusive()));
            }
        }
    }
}
