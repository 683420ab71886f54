package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.ToolTime;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.common.Directories;
import dev.pgdrill.environment.common.ToolClock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Creates Compose environments. The Docker engine, the Compose command and the PostgreSQL image
 * are checked when the factory is made, so a host without them fails at once (exit code 3) with
 * what to do. The image is {@link EnvironmentOptions#image()}, else {@code $POSTGRES_IMAGE}, else
 * {@code postgres:15}.
 */
public final class ComposeEnvironmentFactory implements EnvironmentFactory {
    private final Path workRoot;
    private final String image;
    private Boolean pgBackRest;

    public ComposeEnvironmentFactory(EnvironmentOptions options) {
        this.workRoot = Directories.workRoot(options.workRoot());
        String env = System.getenv("POSTGRES_IMAGE");
        this.image = options.image() != null && !options.image().isBlank() ? options.image()
                : env != null && !env.isBlank() ? env : ComposeSettings.DEFAULT_IMAGE;
        ComposeCli.detect();
        try (DockerEngine engine = DockerEngine.connect()) {
            if (!engine.imageExists(image)) {
                throw new EnvironmentException("the PostgreSQL image " + image + " is not on this Docker host: build it "
                        + "offline with environment/images/build.sh (POSTGRES_IMAGE=" + image + "), or pull it");
            }
        }
    }

    public String image() {
        return image;
    }

    @Override
    public ToolTime toolTime() {
        return ToolClock.time();
    }

    @Override
    public Environment create(String runName) {
        return create(runName, EnvironmentSpec.defaults());
    }

    @Override
    public Environment create(String runName, EnvironmentSpec spec) {
        if (!supports(spec.backupTool())) {
            throw new EnvironmentException("backup tool '" + spec.backupTool() + "' is not in the image " + image
                    + ": rebuild it with environment/images/build.sh (its Dockerfile installs pgbackrest)");
        }
        return new ComposeEnvironment(ComposeSettings.forRun(runName, workRoot, image), spec.backupTool());
    }

    /**
     * pg_basebackup always; pgBackRest when the image has it ({@code pgbackrest version} answers in a
     * one-off container of the image, asked once).
     */
    @Override
    public synchronized boolean supports(BackupTool tool) {
        if (tool != BackupTool.PGBACKREST) {
            return tool == BackupTool.PG_BASEBACKUP;
        }
        if (pgBackRest == null) {
            try (DockerEngine engine = DockerEngine.connect()) {
                pgBackRest = engine.runOnce(image, "postgres", List.of("pgbackrest", "version"), Duration.ofSeconds(60))
                        .succeeded();
            }
        }
        return pgBackRest;
    }
}
