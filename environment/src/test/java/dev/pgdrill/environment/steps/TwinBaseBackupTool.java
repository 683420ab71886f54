package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;
import dev.pgdrill.environment.common.BackendEnvironment;
import dev.pgdrill.environment.common.BackendNode;
import dev.pgdrill.environment.common.BackendTool;
import dev.pgdrill.environment.common.BackupCatalog;
import dev.pgdrill.environment.common.BackupProvider;
import dev.pgdrill.environment.common.ToolHost;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A third backup tool that exists only in test code (one class, one line in the test resources'
 * services file): pg_basebackup's provider under another key, full backups only. It proves the seam:
 * the loader accepts it, the schema lists it and a drill backs up and restores with it, though nothing
 * in main code names it.
 */
public final class TwinBaseBackupTool extends BackendTool {
    public static final String KEY = "twin-basebackup";

    public TwinBaseBackupTool() {
        super(KEY, 90, Map.of(BackupType.FULL, 0), false);
    }

    @Override
    public <N extends BackendNode> BackupProvider<N> provider(BackendEnvironment<N> env, ToolHost<N> host) {
        return new Twin<>(this, BackendTool.of(BackupTool.defaultTool()).provider(env, host));
    }

    /** pg_basebackup's provider, describing itself as the twin. */
    private record Twin<N extends BackendNode>(BackupTool tool, BackupProvider<N> base) implements BackupProvider<N> {
        @Override
        public String describe() {
            return KEY + " (" + base.describe() + ")";
        }

        @Override
        public String archiveCommand() {
            return base.archiveCommand();
        }

        @Override
        public String restoreCommand() {
            return base.restoreCommand();
        }

        @Override
        public BackupInfo backup(N node, String name, BackupType type, BackupCatalog catalog, Duration timeout) {
            return base.backup(node, name, type, catalog, timeout);
        }

        @Override
        public void restoreInto(N node, BackupInfo backup, RecoveryTarget target, RestoreAction action, Duration timeout) {
            base.restoreInto(node, backup, target, action, timeout);
        }

        @Override
        public void initialize(N primary, Duration timeout) {
            base.initialize(primary, timeout);
        }

        @Override
        public List<String> archiveListing() {
            return base.archiveListing();
        }

        @Override
        public List<String> check(N primary, BackupCatalog catalog, Duration timeout) {
            return base.check(primary, catalog, timeout);
        }
    }
}
