package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;

import java.time.Duration;
import java.util.List;

/**
 * One backup tool behind the Environment port: how WAL is archived ({@code archive_command},
 * {@code restore_command}), how a base backup is taken, how a node is restored to a target, what the
 * catalogue knows and what evidence a restore leaves. {@link BackendEnvironment} runs the same
 * sequences for every provider; a backend offers a provider by handing it the few primitives it
 * needs (for pgBackRest a {@link ToolHost}). Naive copies are not a tool's business: the backend
 * keeps them.
 *
 * <p>A tool's {@link BackendTool} makes its provider for a backend. Providers: {@link BaseBackupProvider}
 * (pg_basebackup plus an archive filled by {@code cp}, the default) and {@link PgBackRestProvider}. Barman would map {@code barman-wal-archive} /
 * {@code barman-wal-restore}, {@code barman backup}, {@code barman recover --target-*} and
 * {@code barman check}; WAL-G {@code wal-push} / {@code wal-fetch}, {@code backup-push} (full or delta),
 * {@code backup-fetch} plus recovery settings, {@code delete retain} and {@code backup-list}.
 *
 * @param <N> the backend's node type
 */
public interface BackupProvider<N extends BackendNode> {
    /** Which tool this is. */
    BackupTool tool();

    /** The tool and its version as it reports it, e.g. {@code pgbackrest 2.45}. */
    String describe();

    /** The {@code archive_command} every node gets, or null when the backend configures archiving itself. */
    String archiveCommand();

    /** The {@code restore_command} of standbys and restored nodes. */
    String restoreCommand();

    /** Prepares the tool once the primary accepts connections (pgBackRest: the stanza); default nothing. */
    default void initialize(N primary, Duration timeout) {
    }

    /** A base backup of {@code type} of {@code node} under {@code name} (already checked to be free), registered in {@code catalog}. */
    BackupInfo backup(N node, String name, BackupType type, BackupCatalog catalog, Duration timeout);

    /**
     * Replaces {@code node}'s data with {@code backup} prepared for archive recovery to {@code target}
     * with {@code action}; the node's own port, no upstream. The server is stopped.
     */
    void restoreInto(N node, BackupInfo backup, RecoveryTarget target, RestoreAction action, Duration timeout);

    /**
     * Replaces {@code node}'s data with {@code backup} prepared to run as a standby: {@code standby.signal},
     * the tool's {@code restore_command}, {@code recovery_target_timeline = latest}, no target; the backend then
     * adds the upstream. The server is stopped.
     */
    default void restoreAsStandby(N node, BackupInfo backup, Duration timeout) {
        throw new EnvironmentException(describe() + " cannot restore a backup as a standby");
    }

    /** Brings {@code catalog} in line with what the tool's repository holds now (expired backups leave it); default nothing. */
    default void refresh(BackupCatalog catalog) {
    }

    /** The file names in the archive, in any order; in-flight {@code .tmp} copies included. */
    List<String> archiveListing();

    /** The tool's own checks of backups and archive; its report, one line each; throws on a problem it finds. */
    default List<String> check(N primary, BackupCatalog catalog, Duration timeout) {
        throw new EnvironmentException("checking backups is not supported with " + describe());
    }

    /** Applies a retention of {@code retainFull} full backups; the tool's report, one line each. */
    default List<String> expire(int retainFull, BackupCatalog catalog, Duration timeout) {
        throw new EnvironmentException(describe() + " keeps no retention of its own to expire backups with");
    }

    /** The tool's log lines about the latest restore (and the WAL fetched since), for evidence; default none. */
    default List<String> restoreLog() {
        return List.of();
    }
}
