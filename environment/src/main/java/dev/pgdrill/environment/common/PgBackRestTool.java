package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.EnvironmentException;

import java.util.List;
import java.util.Map;

/**
 * pgBackRest: a repository with full, differential and incremental backups, archive-push / archive-get,
 * and a retention ({@code expire}). Offered where the backend's {@link ToolHost} finds it installed
 * ({@link PgBackRestProvider}).
 */
public final class PgBackRestTool extends BackendTool {
    public static final String KEY = "pgbackrest";

    public PgBackRestTool() {
        super(KEY, 10, Map.of(BackupType.FULL, 0, BackupType.DIFF, 0, BackupType.INCR, 0), true);
    }

    @Override
    public List<String> probe() {
        return List.of("pgbackrest", "version");
    }

    @Override
    public <N extends BackendNode> BackupProvider<N> provider(BackendEnvironment<N> env, ToolHost<N> host) {
        if (host == null) {
            throw new EnvironmentException("the " + env.kind() + " environment cannot run backup tool '" + this + "'");
        }
        return new PgBackRestProvider<>(this, host);
    }
}
