package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.environment.common.PgBackRestTool;

/** {@link RestoreIT} with pgBackRest as the backup tool: the same restores, every target kind, the same marker rows. */
class PgBackRestRestoreIT extends RestoreIT {
    @Override
    protected BackupTool tool() {
        return BackupTool.of(PgBackRestTool.KEY).orElseThrow();
    }
}
