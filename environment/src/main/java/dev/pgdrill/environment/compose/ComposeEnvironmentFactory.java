package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.ToolTime;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.common.Directories;
import dev.pgdrill.environment.common.ToolClock;

import java.nio.file.Path;

/**
 * Creates Compose environments. The Docker engine, the Compose command and the PostgreSQL image
 * are checked when the factory is made, so a host without them fails at once (exit code 3) with
 * what to do. The image is {@link EnvironmentOptions#image()}, else {@code $POSTGRES_IMAGE}, else
 * {@code postgres:15}.
 */
public final class ComposeEnvironmentFactory implements EnvironmentFactory {
    private final Path workRoot;
    private final String image;

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
        return new ComposeEnvironment(ComposeSettings.forRun(runName, workRoot, image));
    }
}
