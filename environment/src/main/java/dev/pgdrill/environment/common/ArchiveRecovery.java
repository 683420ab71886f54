package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** The settings of archive recovery for a restored node, in the order both backends write them. */
public final class ArchiveRecovery {
    private static final DateTimeFormatter PG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

    private ArchiveRecovery() {
    }

    /**
     * Adds {@code restore_command}, {@code recovery_target_timeline} (the target's timeline: current,
     * latest or an id; latest when {@code target} is null) and, unless {@code target}
     * is latest (or null), the target setting, {@code recovery_target_action} ({@code action}, promote
     * when null) and, for time, lsn and xid targets, {@code recovery_target_inclusive}.
     */
    public static void put(Map<String, String> settings, String restoreCommand, RecoveryTarget target,
                           RestoreAction action) {
        RecoveryTarget t = target == null ? RecoveryTarget.latest() : target;
        settings.put("restore_command", restoreCommand);
        settings.put("recovery_target_timeline", t.timeline());
        if (t.settingName() != null) {
            settings.put(t.settingName(), t.kind() == RecoveryTarget.Kind.TIME ? pgTime(t.settingValue()) : t.settingValue());
            settings.put("recovery_target_action", (action == null ? RestoreAction.PROMOTE : action).setting());
            if (t.kind() == RecoveryTarget.Kind.TIME || t.kind() == RecoveryTarget.Kind.LSN
                    || t.kind() == RecoveryTarget.Kind.XID) {
                settings.put("recovery_target_inclusive", Boolean.toString(t.inclusive()));
            }
        }
    }

    /**
     * PostgreSQL rejects ISO-8601 values with more than microsecond precision (Java's
     * {@code OffsetDateTime.toString()}): an ISO value is rewritten as {@code yyyy-MM-dd HH:mm:ss.SSSSSS+hh:mm};
     * anything else is passed on for PostgreSQL to judge.
     */
    public static String pgTime(String value) {
        try {
            return OffsetDateTime.parse(value.trim()).format(PG_TIME);
        } catch (DateTimeParseException e) {
            return value;
        }
    }
}
