package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.BackupType;

import java.util.Map;

/**
 * The backup tools the engine's own tests find (listed in the test resources' services file, left out
 * of the test jar): the environment module's pg_basebackup and pgBackRest as the engine sees them,
 * their keys, types and retention only.
 */
public final class FakeBackupTools {
    private FakeBackupTools() {
    }

    /** The tool named {@code key}, found as the engine finds every tool. */
    public static BackupTool tool(String key) {
        return BackupTool.of(key).orElseThrow(() -> new AssertionError("no backup tool '" + key + "' found"));
    }

    /** pg_basebackup's declaration: full backups, incremental ones from PostgreSQL 17 with summarize_wal on. */
    public static final class PgBaseBackup extends BackupTool {
        public PgBaseBackup() {
            super("pg_basebackup", 0, Map.of(BackupType.FULL, 0, BackupType.INCR, 17), false);
        }

        @Override
        public Need needs(BackupType type) {
            return type == BackupType.INCR ? new Need("summarize_wal", "an incremental pg_basebackup needs the server "
                    + "setting summarize_wal = on (PostgreSQL summarizes WAL for it)") : null;
        }
    }

    /** pgBackRest's declaration: full, differential and incremental backups, and a retention. */
    public static final class PgBackRest extends BackupTool {
        public PgBackRest() {
            super("pgbackrest", 10, Map.of(BackupType.FULL, 0, BackupType.DIFF, 0, BackupType.INCR, 0), true);
        }
    }
}
