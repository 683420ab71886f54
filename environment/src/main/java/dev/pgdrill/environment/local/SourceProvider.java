package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.SourceState;
import dev.pgdrill.environment.common.BackupCatalog;
import dev.pgdrill.environment.common.BackupProvider;

import java.time.Duration;

/**
 * A backup tool reading a drill's {@link dev.pgdrill.engine.env.BackupSource} (local backend): it restores the
 * source's backups into sandbox nodes and lists its archive, and never writes to it: every command it runs reads
 * the source only, and its own files (logs, locks, spool) stay in the run's work directory.
 */
interface SourceProvider extends BackupProvider<LocalNode> {
    /** Checks that the source can be read as the server user and reads its backups; called at set-up. */
    void open(Duration timeout);

    /** The source's backups and archive reach, read now. */
    SourceState state();

    /**
     * Refuses a source whose backup is of another PostgreSQL major than the servers this run starts: the restore
     * would only fail at start-up with "database files are incompatible with server".
     *
     * @param backupMajor the backup's major version, or 0 when the source does not say (then nothing is checked)
     */
    static void checkVersion(RunContext run, int backupMajor, String what) {
        Integer ours = PgBinaries.majorOf(run.bins().binDir());
        if (backupMajor > 0 && ours != null && ours != backupMajor) {
            throw new EnvironmentException(what + " is of PostgreSQL " + backupMajor + ", but this run's servers are "
                    + "PostgreSQL " + ours + " (" + run.bins().binDir() + "): name its version in the drill "
                    + "(environment: postgres: " + backupMajor + ") or with --pg-version " + backupMajor);
        }
    }

    /** No backups are taken of a source. */
    @Override
    default BackupInfo backup(LocalNode node, String name, BackupType type, BackupCatalog catalog, Duration timeout) {
        throw new EnvironmentException("backup '" + name + "': a drill on a source takes no backups (the source is "
                + "read only)");
    }

    /** Nothing archives into a source: restored nodes run with archive_mode = off. */
    @Override
    default String archiveCommand() {
        return "";
    }
}
