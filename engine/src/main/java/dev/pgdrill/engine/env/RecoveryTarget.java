package dev.pgdrill.engine.env;

import java.util.Locale;

/**
 * Where archive recovery stops, and along which timeline. Exactly one kind; {@code inclusive} applies to
 * time, lsn and xid.
 *
 * @param kind      time, name, lsn, xid, immediate or latest
 * @param value     the target value (null for immediate and latest)
 * @param inclusive whether recovery stops just after (true) or just before (false) the target
 * @param timeline  PostgreSQL's {@code recovery_target_timeline}: {@link #CURRENT} (the backup's timeline,
 *                  never following a switch), {@link #LATEST} (the newest timeline in the archive that
 *                  descends from it) or a timeline id in decimal
 */
public record RecoveryTarget(Kind kind, String value, boolean inclusive, String timeline) {
    public enum Kind { TIME, NAME, LSN, XID, IMMEDIATE, LATEST }

    /** Recover along the timeline the backup was taken on. */
    public static final String CURRENT = "current";
    /** Recover along the newest timeline in the archive (PostgreSQL 12+'s own default). */
    public static final String LATEST = "latest";

    public RecoveryTarget {
        String problem = timelineProblem(timeline);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        timeline = timeline.trim().toLowerCase(Locale.ROOT);
        if (!timeline.equals(CURRENT) && !timeline.equals(LATEST)) {
            timeline = Integer.toString(Integer.parseInt(timeline));
        }
    }

    /** A target along the latest timeline, as PostgreSQL 12+ recovers when none is named. */
    public RecoveryTarget(Kind kind, String value, boolean inclusive) {
        this(kind, value, inclusive, LATEST);
    }

    public static RecoveryTarget latest() {
        return new RecoveryTarget(Kind.LATEST, null, true);
    }

    /** Why {@code timeline} is not current, latest or a timeline id (1 or more, decimal); null when it is one. */
    public static String timelineProblem(String timeline) {
        String t = timeline == null ? "" : timeline.trim().toLowerCase(Locale.ROOT);
        if (t.equals(CURRENT) || t.equals(LATEST) || t.matches("0*[1-9]\\d{0,8}")) {
            return null;
        }
        return "timeline '" + timeline + "' is not current, latest or a timeline id (a number from 1)";
    }

    /** This target along {@code other} timeline. */
    public RecoveryTarget withTimeline(String other) {
        return new RecoveryTarget(kind, value, inclusive, other);
    }

    /** The timeline id when one is named, else 0 (current or latest). */
    public int timelineId() {
        return timeline.equals(CURRENT) || timeline.equals(LATEST) ? 0 : Integer.parseInt(timeline);
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
