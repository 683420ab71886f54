package dev.pgdrill.engine.env;

import java.util.Locale;

/**
 * Where archive recovery stops. Exactly one kind; {@code inclusive} applies to time, lsn and xid.
 *
 * @param kind      time, name, lsn, xid, immediate or latest
 * @param value     the target value (null for immediate and latest)
 * @param inclusive whether recovery stops just after (true) or just before (false) the target
 */
public record RecoveryTarget(Kind kind, String value, boolean inclusive) {
    public enum Kind { TIME, NAME, LSN, XID, IMMEDIATE, LATEST }

    public static RecoveryTarget latest() {
        return new RecoveryTarget(Kind.LATEST, null, true);
    }

    /** The {@code recovery_target_*} setting name, or null for latest. */
    public String settingName() {
        return switch (kind) {
            case TIME -> "recovery_target_time";
            case NAME -> "recovery_target_name";
            case LSN -> "recovery_target_lsn";
            case XID -> "recovery_target_xid";
            case IMMEDIATE -> "recovery_target";
            case LATEST -> null;
        };
    }

    /** The value written to the setting. */
    public String settingValue() {
        return kind == Kind.IMMEDIATE ? "immediate" : value;
    }

    @Override
    public String toString() {
        return kind == Kind.LATEST || kind == Kind.IMMEDIATE
                ? kind.name().toLowerCase(Locale.ROOT)
                : kind.name().toLowerCase(Locale.ROOT) + " " + value;
    }
}
