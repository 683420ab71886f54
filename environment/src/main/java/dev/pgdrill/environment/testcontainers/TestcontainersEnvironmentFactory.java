package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.ToolTime;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.common.BackendTool;
import dev.pgdrill.environment.common.Directories;
import dev.pgdrill.environment.common.ToolClock;
import dev.pgdrill.environment.container.DockerEngine;
import dev.pgdrill.environment.container.NodeImages;

import java.nio.file.Path;

/**
 * Creates Testcontainers environments ({@code --env testcontainers}). The Docker engine and the
 * PostgreSQL image are checked when the factory is made, so a host without them fails at once (exit
 * code 3) saying what to do. The image is {@link EnvironmentOptions#image()}, else
 * {@code $POSTGRES_IMAGE}, else {@code postgres:15}.
 *
 * <p>Nothing is pulled, on any host: the PostgreSQL image must be on the engine (a missing one is the
 * error above, not a pull); Ryuk's image is used only when it is already there ({@link RyukSwitch});
 * the address of published ports is given to Testcontainers from the socket ({@link DockerHostAddress}),
 * so that on a host with {@code /.dockerenv} it does not start an {@code alpine} helper to find it; and
 * Testcontainers' start-up checks, on unless {@code TESTCONTAINERS_CHECKS_DISABLE=true}, only compare the
 * engine's version with 1.21 (no file is bind-mounted, so its mount check never runs). All of it is
 * decided in {@link #prepare} before Testcontainers first talks to the engine.
 */
public final class TestcontainersEnvironmentFactory implements EnvironmentFactory {
    static final String DEFAULT_IMAGE = NodeImages.DEFAULT;

    private final Path workRoot;
    private final String image;
    private final boolean ryuk;

    public TestcontainersEnvironmentFactory(EnvironmentOptions options) {
        this.workRoot = Directories.workRoot(options.workRoot());
        String env = System.getenv("POSTGRES_IMAGE");
        this.image = options.image() != null && !options.image().isBlank() ? options.image()
                : env != null && !env.isBlank() ? env : DEFAULT_IMAGE;
        try (DockerEngine engine = DockerEngine.connect()) {
            if (!engine.imageExists(image)) {
                throw new EnvironmentException("the PostgreSQL image " + image + " is not on this Docker host: build it "
                        + "offline with environment/images/build.sh (POSTGRES_IMAGE=" + image + "), or pull it");
            }
            this.ryuk = prepare(engine);
        }
    }

    /**
     * Tells Testcontainers, once per JVM and before its first use, what it would otherwise find out by
     * starting containers: whether Ryuk runs, and where published ports are. Returns whether Ryuk runs.
     */
    static boolean prepare(DockerEngine engine) {
        boolean ryuk = RyukSwitch.configure(engine);
        DockerHostAddress.configure();
        return ryuk;
    }

    public String image() {
        return image;
    }

    /** Whether Testcontainers' Ryuk runs in this JVM. */
    public boolean ryuk() {
        return ryuk;
    }

    @Override
    public ToolTime toolTime() {
        return ToolClock.time();
    }

    @Override
    public Environment create(String runName) {
        return new TestcontainersEnvironment(runName, workRoot, image, EnvironmentSpec.defaults());
    }

    /** A drill on another PostgreSQL version runs on that version's image ({@code postgres:17}), which must be here. */
    @Override
    public Environment create(String runName, EnvironmentSpec spec) {
        String refused = unsupported(spec);
        if (refused != null) {
            throw new EnvironmentException(refused);
        }
        if (!spec.versionStated()) {
            return new TestcontainersEnvironment(runName, workRoot, image, spec);
        }
        String wanted = NodeImages.imageFor(spec.major());
        try (DockerEngine engine = DockerEngine.connect()) {
            if (!engine.imageExists(wanted)) {
                throw new EnvironmentException("the PostgreSQL image " + wanted + " is not on this Docker host: build it "
                        + "offline with environment/images/build.sh (PG_MAJOR=" + spec.major() + "), or pull it");
            }
        }
        return new TestcontainersEnvironment(runName, workRoot, wanted, spec);
    }

    /** The tools that come with the server (pg_basebackup): this backend has no {@code ToolHost} to run another. */
    @Override
    public boolean supports(BackupTool tool) {
        return BackendTool.offered(tool, null);
    }

    /** Any offered PostgreSQL version, with a drill's own database, seed and settings as on Compose; pg_basebackup only. */
    @Override
    public String unsupported(EnvironmentSpec spec) {
        if (spec.managed()) {
            return "failover-manager '" + spec.failoverManager() + "' runs on the local backend only for now: run "
                    + "this drill with --env local";
        }
        if (spec.hasSource()) {
            return "a drill on a source (environment: source:) runs on the local backend only for now (--env local)";
        }
        if (!supports(spec.backupTool())) {
            return "the testcontainers environment does not offer backup tool '" + spec.backupTool() + "'";
        }
        return null;
    }
}
