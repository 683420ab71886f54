package dev.pgdrill.engine.env;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The backup tools an environment can archive WAL, take base backups and restore with: the
 * scenario's {@code environment: { backup-tool: ... }} or {@code --backup-tool}. What each can do
 * is known here, so a drill asking for more is refused before anything runs.
 */
public enum BackupTool {
    /** {@code pg_basebackup} plus an archive filled by {@code cp} (the default). */
    PG_BASEBACKUP("pg_basebackup", Set.of(BackupType.FULL), false),
    /** pgBackRest: a repository with full, differential and incremental backups, archive-push / archive-get. */
    PGBACKREST("pgbackrest", Set.of(BackupType.FULL, BackupType.DIFF, BackupType.INCR), true);

    private final String key;
    private final Set<BackupType> types;
    private final boolean expires;

    BackupTool(String key, Set<BackupType> types, boolean expires) {
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

    /** Whether this tool takes backups of {@code type}. */
    public boolean takes(BackupType type) {
        return types.contains(type);
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
