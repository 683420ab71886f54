package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.common.EnvironmentContract;
import dev.pgdrill.environment.common.PgBackRestTool;

/** The {@link EnvironmentContract} on the local backend with pgBackRest archiving, backing up and restoring. */
class LocalPgBackRestContractIT extends LocalEnvironmentContractIT {
    @Override
    protected Environment create(String runName) {
        Sql.assumePostgresInstalled();
        return Environments.factory("local", EnvironmentOptions.defaults()).create(runName,
                EnvironmentSpec.defaults().withBackupTool(BackupTool.of(PgBackRestTool.KEY).orElseThrow()));
    }
}
