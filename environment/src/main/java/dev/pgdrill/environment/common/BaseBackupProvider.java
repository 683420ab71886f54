package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default provider: {@code pg_basebackup} (full backups only) and a WAL archive filled by
 * {@code cp}, as every backend did before providers existed. The work is the backend's own
 * primitives ({@link BackendEnvironment#baseBackup}, {@link BackendEnvironment#copyBackupInto}, ...);
 * this class only puts them behind {@link BackupProvider}.
 */
final class BaseBackupProvider<N extends BackendNode> implements BackupProvider<N> {
    private final BackendEnvironment<N> env;

    BaseBackupProvider(BackendEnvironment<N> env) {
        this.env = env;
    }

    @Override
    public BackupTool tool() {
        return BackupTool.PG_BASEBACKUP;
    }

    @Override
    public String describe() {
        String version = env.baseBackupVersion();
        return version == null ? tool().key() : tool().key() + " " + version;
    }

    @Override
    public String archiveCommand() {
        return env.copyArchiveCommand();
    }

    @Override
    public String restoreCommand() {
        return env.restoreCommand();
    }

    @Override
    public BackupInfo backup(N node, String name, BackupType type, BackupCatalog catalog, Duration timeout) {
        return env.baseBackup(node, name);
    }

    @Override
    public void restoreInto(N node, BackupInfo backup, RecoveryTarget target, RestoreAction action, Duration timeout) {
        Map<String, String> settings = new LinkedHashMap<>();
        ArchiveRecovery.put(settings, restoreCommand(), target, action);
        env.copyBackupInto(node, backup, settings);
    }

    @Override
    public List<String> archiveListing() {
        return env.archiveListing();
    }

    @Override
    public List<String> check(N primary, BackupCatalog catalog, Duration timeout) {
        return env.verifyBaseBackups(catalog.list().stream().filter(b -> !b.naive()).toList());
    }
}
