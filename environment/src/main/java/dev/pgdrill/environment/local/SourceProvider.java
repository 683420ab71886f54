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
