package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.common.EnvironmentContract;

/**
 * The {@link EnvironmentContract} on the Compose backend with pgBackRest archiving, backing up and
 * restoring (its repository in the project's pgBackRest volume).
 */
class ComposePgBackRestContractIT extends ComposeEnvironmentContractIT {
    @Override
    protected Environment create(String runName) {
        Docker.assumeEngine();
        return Environments.factory("compose", EnvironmentOptions.defaults()).create(runName,
                EnvironmentSpec.defaults().withBackupTool(BackupTool.PGBACKREST));
    }
}
