package dev.pgdrill.environment.compose;

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
import dev.pgdrill.environment.container.ProjectFiles;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Creates Compose environments. The Docker engine, the Compose command and the PostgreSQL image
 * are checked when the factory is made, so a host without them fails at once (exit code 3) with
 * what to do. The image is {@link EnvironmentOptions#image()}, else {@code $POSTGRES_IMAGE}, else
 * {@code postgres:15}.
 */
public final class ComposeEnvironmentFactory implements EnvironmentFactory {
    private final Path workRoot;
    private final String image;
    private final Set<String> imagesSeen = ConcurrentHashMap.newKeySet();
    /** Per image and probe: whether the tool's probe answers in the image (asked once each). */
    private final Map<List<String>, Boolean> probes = new ConcurrentHashMap<>();

    public ComposeEnvironmentFactory(EnvironmentOptions options) {
        this.workRoot = Directories.workRoot(options.workRoot());
        String env = System.getenv("POSTGRES_IMAGE");
        this.image = options.image() != null && !options.image().isBlank() ? options.image()
                : env != null && !env.isBlank() ? env : ComposeSettings.DEFAULT_IMAGE;
        ComposeCli.detect();
        requireImage(image);
    }

    /** Fails (exit 3) when {@code image} is not on the Docker host, saying how to build it; checked once per image. */
    private void requireImage(String wanted) {
        if (imagesSeen.contains(wanted)) {
            return;
        }
        try (DockerEngine engine = DockerEngine.connect()) {
            if (!engine.imageExists(wanted)) {
                throw new EnvironmentException("the PostgreSQL image " + wanted + " is not on this Docker host: build it "
                        + "offline with environment/images/build.sh (POSTGRES_IMAGE=" + wanted
                        + (wanted.matches("postgres:\\d+") ? ", PG_MAJOR=" + wanted.substring("postgres:".length()) : "")
                        + "), or pull it");
            }
        }
        imagesSeen.add(wanted);
    }

    /**
     * The image a drill runs on: the factory's own (options, {@code $POSTGRES_IMAGE}, {@code postgres:15}) when
     * the drill states no version, else {@link NodeImages#imageFor} its major (a stated 15 runs postgres:15 whatever
     * {@code $POSTGRES_IMAGE} says).
     */
    String imageOf(EnvironmentSpec spec) {
        return imageOf(image, spec);
    }

    static String imageOf(String factoryImage, EnvironmentSpec spec) {
        return !spec.versionStated() ? factoryImage : NodeImages.imageFor(spec.major());
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
        String wanted = imageOf(spec);
        requireImage(wanted);
        String refused = unsupported(spec);
        if (refused != null) {
            throw new EnvironmentException(refused);
        }
        return new ComposeEnvironment(ComposeSettings.forRun(runName, workRoot, wanted, spec), spec.backupTool());
    }

    /**
     * A tool that comes with the server (pg_basebackup) always; another (pgBackRest) when the image has it: its
     * {@link BackendTool#probe()} ({@code pgbackrest version}) answers in a one-off container of the image, asked
     * once per image and tool.
     */
    @Override
    public boolean supports(BackupTool tool) {
        return supports(image, tool);
    }

    private boolean supports(String inImage, BackupTool tool) {
        return BackendTool.offered(tool, probe -> probes.computeIfAbsent(Stream.concat(Stream.of(inImage),
                probe.stream()).toList(), k -> {
                    try (DockerEngine engine = DockerEngine.connect()) {
                        return engine.runOnce(inImage, "postgres", probe, Duration.ofSeconds(60)).succeeded();
                    }
                }));
    }

    /**
     * Any offered PostgreSQL version, database, seed and settings (see {@link ProjectFiles}); the backup
     * tools of {@link #supports}, asked of the drill's own image; one primary, named as the file's service ({@link ComposeSettings#topologyRefusal}).
     */
    @Override
    public String unsupported(EnvironmentSpec spec) {
        if (spec.managed()) {
            return "failover-manager '" + spec.failoverManager() + "' runs on the local backend only for now: run "
                    + "this drill with --env local";
        }
        if (spec.hasSource()) {
            return "a drill on a source (environment: source:) runs on the local backend only for now (--env local)";
        }
        String otherNodes = ComposeSettings.topologyRefusal(spec.topology());
        if (otherNodes != null) {
            return otherNodes;
        }
        String wanted = imageOf(spec);
        return supports(wanted, spec.backupTool()) ? null : "backup tool '" + spec.backupTool() + "' is not in the image "
                + wanted + ": rebuild it with environment/images/build.sh (its Dockerfile installs pgbackrest)";
    }
}
