package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.common.EnvironmentContract;
import dev.pgdrill.environment.common.PgBackRestTool;
import dev.pgdrill.environment.container.Docker;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.pgdrill.environment.NodeSql.queryString;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link EnvironmentContract} on the Compose backend with pgBackRest archiving, backing up and
 * restoring (its repository in the project's pgBackRest volume).
 */
class ComposePgBackRestContractIT extends ComposeEnvironmentContractIT {
    @Override
    protected Environment create(String runName) {
        Docker.assumeEngine();
        return Environments.factory("compose", EnvironmentOptions.defaults()).create(runName,
                EnvironmentSpec.defaults().withBackupTool(BackupTool.of(PgBackRestTool.KEY).orElseThrow()));
    }

    @Test
    @Order(0)
    public void bothNodesArchiveThroughPgBackRestAndItsRepositoryFillsUp() throws Exception {
        assertThat(env.backupTool()).matches("pgbackrest 2\\.\\d+");
        assertThat(queryString(primary, "SHOW archive_command")).startsWith("pgbackrest ").contains(" archive-push ")
                .contains("--config=/var/lib/pgbackrest/pgbackrest.conf");
        assertThat(queryString(replica, "SHOW restore_command")).startsWith("pgbackrest ").contains(" archive-get ");
        String segment = queryString(primary, "SELECT pg_walfile_name(pg_switch_wal())");
        Docker.await(Duration.ofSeconds(30), "segment " + segment + " in the pgBackRest repository",
                () -> env.archivedWalFiles().contains(segment));
    }

    @Test
    @Order(8)
    @Override
    public void wipeThenRebuildReplicaGivesAStreamingReplicaAgain() throws Exception {
        super.wipeThenRebuildReplicaGivesAStreamingReplicaAgain();
        assertThat(queryString(replica, "SHOW restore_command")).as("the rebuilt standby reads pgBackRest's archive")
                .startsWith("pgbackrest ").contains(" archive-get ");
    }
}
