package dev.pgdrill.engine.env;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backup tools an environment can archive WAL, take base backups and restore with: the
 * scenario's {@code environment: { backup-tool: ... }} or {@code --backup-tool}. What each can do
 * is known here, so a drill asking for more is refused before anything runs.
 */
public enum BackupTool {
    /**
     * {@code pg_basebackup} plus an archive filled by {@code cp} (the default); incremental backups
     * ({@code pg_basebackup --incremental}, restored with {@code pg_combinebackup}) from PostgreSQL 17 on.
     */
    PG_BASEBACKUP("pg_basebackup", Map.of(BackupType.FULL, 0, BackupType.INCR, 17), false),
    /** pgBackRest: a repository with full, differential and incremental backups, archive-push / archive-get. */
    PGBACKREST("pgbackrest", Map.of(BackupType.FULL, 0, BackupType.DIFF, 0, BackupType.INCR, 0), true);

    private final String key;
    /** Each backup type the tool takes, with the oldest PostgreSQL major it takes it on (0: any). */
    private final Map<BackupType, Integer> types;
    private final boolean expires;

    BackupTool(String key, Map<BackupType, Integer> types, boolean expires) {
        this.key = key;
        this.types = types;
        this.expires = expires;
    }

    /** Whether this tool applies a retention to its backups ({@code expire-backups}). */
    public boolean expires() {
        return expires;
    }

    /** The name scenarios and the command line use. */
    public String key() {
        return key;
    }

    /** Whether this tool takes backups of {@code type} on some PostgreSQL version. */
    public boolean takes(BackupType type) {
        return types.containsKey(type);
    }

    /** Whether this tool takes backups of {@code type} from a server of PostgreSQL major {@code major}. */
    public boolean takes(BackupType type, int major) {
        return types.containsKey(type) && major >= types.get(type);
    }

    /**
     * Why this tool cannot take a backup of {@code type} from a server of PostgreSQL {@code major}, or
     * null when it can: a type it never takes, or one that needs a later major.
     */
    public String refusal(BackupType type, int major) {
        if (takes(type, major)) {
            return null;
        }
        Integer since = types.get(type);
        if (since != null) {
            return "backup type '" + type + "' with backup tool '" + this + "' needs PostgreSQL " + since
                    + " or later (this drill runs on PostgreSQL " + major + "): state environment: { postgres: \">= "
                    + since + "\" } in the drill, or choose backup tool '" + PGBACKREST + "'";
        }
        List<String> offered = Arrays.stream(BackupType.values()).filter(types::containsKey)
                .map(t -> types.get(t) == 0 ? t.key() : t.key() + " (PostgreSQL " + types.get(t) + "+)").toList();
        return "backup type '" + type + "' is not offered by backup tool '" + this + "', which takes only "
                + String.join(" and ", offered) + " backups: use type: full, or choose a tool with " + type
                + " backups (environment: { backup-tool: " + PGBACKREST + " } or --backup-tool " + PGBACKREST + ")";
    }

    /** The tool named {@code key}, if any. */
    public static Optional<BackupTool> of(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }

    /** Every tool's name, for messages and the schema. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(BackupTool::key).toList();
    }

    @Override
    public String toString() {
        return key;
    }
}
