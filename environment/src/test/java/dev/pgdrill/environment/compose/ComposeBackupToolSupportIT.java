package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.common.BaseBackupTool;
import dev.pgdrill.environment.common.PgBackRestTool;
import dev.pgdrill.environment.container.Docker;
import dev.pgdrill.environment.container.DockerEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Compose backend offers pgBackRest only with an image that has it, and says so before anything starts. */
class ComposeBackupToolSupportIT {
    /** The debootstrapped base of the PostgreSQL images: a Debian without PostgreSQL or pgBackRest. */
    private static final String WITHOUT_PGBACKREST = "pgdrill/debian:bookworm";

    @Test
    void anImageWithoutPgBackRestIsRefusedWithWhatToRebuild(@TempDir Path work) {
        Docker.assumeEngine();
        try (DockerEngine engine = DockerEngine.connect()) {
            Assumptions.assumeTrue(engine.imageExists(WITHOUT_PGBACKREST), WITHOUT_PGBACKREST + " is not built here");
        }
        ComposeEnvironmentFactory factory = new ComposeEnvironmentFactory(
                new EnvironmentOptions(work, "postgres", null, WITHOUT_PGBACKREST));
        assertThat(factory.supports(BackupTool.of(BaseBackupTool.KEY).orElseThrow())).isTrue();
        assertThat(factory.supports(BackupTool.of(PgBackRestTool.KEY).orElseThrow())).isFalse();
        assertThatThrownBy(() -> factory.create("refused", EnvironmentSpec.defaults().withBackupTool(BackupTool.of(PgBackRestTool.KEY).orElseThrow())))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("backup tool 'pgbackrest' is not in the image " + WITHOUT_PGBACKREST
                        + ": rebuild it with environment/images/build.sh (its Dockerfile installs pgbackrest)");
        assertThat(work).isEmptyDirectory();
    }
}
