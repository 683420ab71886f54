package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.BackupType;

import java.util.Map;

/**
 * {@code pg_basebackup} plus an archive filled by {@code cp} (the default); incremental backups
 * ({@code pg_basebackup --incremental}, restored with {@code pg_combinebackup}) from PostgreSQL 17 on,
 * with {@code summarize_wal} on. It comes with the server: every backend offers it, through its own
 * primitives ({@link BaseBackupProvider}).
 */
public final class BaseBackupTool extends BackendTool {
    public static final String KEY = "pg_basebackup";

    public BaseBackupTool() {
        super(KEY, 0, Map.of(BackupType.FULL, 0, BackupType.INCR, 17), false);
    }

    @Override
    public Need needs(BackupType type) {
        return type == BackupType.INCR ? new Need("summarize_wal", "an incremental pg_basebackup needs the server "
                + "setting summarize_wal = on (PostgreSQL summarizes WAL for it)") : null;
    }

    @Override
    public <N extends BackendNode> BackupProvider<N> provider(BackendEnvironment<N> env, ToolHost<N> host) {
        return new BaseBackupProvider<>(this, env);
    }
}
