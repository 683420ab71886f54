package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.environment.common.Directories;
import dev.pgdrill.environment.common.Reaper;
import dev.pgdrill.environment.common.RunTeardown;
import dev.pgdrill.environment.container.ProjectContainers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Removes a run's Compose project, once, on every exit path: thaws paused containers, then removes every
 * container, network and volume that carries the project's label (the services', restored nodes', helpers'),
 * through the engine's API with each kind side by side (not {@code compose down -v}: its command line starts
 * slowly and works one thing at a time), and deletes the extracted Compose files. With keep, volumes and files stay (containers are stopped
 * cleanly, then removed). A JVM shutdown hook does the same
 * when the runner is terminated (SIGTERM, Ctrl-C); the {@link Reaper} does it when the runner is killed
 * outright (SIGKILL).
 */
final class Teardown extends RunTeardown {
    private final String project;
    private final Path dir;
    private final Supplier<ComposeCli> cli;
    private final Supplier<ProjectContainers> containers;
    private final Runnable afterwards;

    Teardown(String project, Path dir, Supplier<ComposeCli> cli, Supplier<ProjectContainers> containers,
             Runnable afterwards) {
        super("pgdrill-teardown-" + project, () -> Reaper.get().compose(project, dir));
        this.project = project;
        this.dir = dir;
        this.cli = cli;
        this.containers = containers;
        this.afterwards = afterwards;
    }

    @Override
    protected void tearDown() {
        List<String> problems = new ArrayList<>();
        ProjectContainers pc = containers.get();
        try {
            ComposeCli compose = cli.get();
            if (compose != null) {
                compose.endRunning();
            }
            thawAll(pc);
            if (pc != null) {
                if (keeping()) {
                    pc.stopAll(Duration.ofSeconds(5));
                    problems.addAll(pc.removeContainers(false));
                    problems.addAll(pc.removeNetworks());
                } else {
                    problems.addAll(pc.sweep());
                }
            }
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        } finally {
            if (!keeping()) {
                try {
                    Directories.deleteRecursively(dir);
                } catch (RuntimeException e) {
                    problems.add(e.getMessage());
                }
            }
            afterwards.run();
        }
        releaseReaper(problems.isEmpty());
        if (!problems.isEmpty()) {
            throw new EnvironmentException("removing Compose project " + project + " left problems: "
                    + String.join("; ", problems));
        }
    }

    private static void thawAll(ProjectContainers pc) {
        if (pc == null) {
            return;
        }
        pc.containers().stream().filter(c -> c.getState() != null && c.getState().equals("paused")).forEach(c -> {
            try {
                pc.unpause(c.getId());
            } catch (RuntimeException ignored) {
                // compose down and the sweep still force the removal
            }
        });
    }
}
