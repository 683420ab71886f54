package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
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
 * Removes a run's Compose project, once, on every exit path: thaws paused containers,
 * {@code compose down -v --remove-orphans}, then removes whatever still carries the project's label
 * (containers of restored nodes, helpers, their volumes), and deletes the extracted Compose files.
 * With keep, volumes and files stay (containers are still removed). A JVM shutdown hook does the same
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
            if (compose != null) {
                ExecResult r = keeping() ? compose.run(Duration.ofMinutes(2), "down", "--remove-orphans", "-t", "5")
                        : compose.run(Duration.ofMinutes(2), "down", "-v", "--remove-orphans", "-t", "5");
                if (!r.succeeded()) {
                    problems.add("compose down exited " + r.exitCode() + ": " + ProjectContainers.tail(r.stdout() + r.stderr(), 5));
                }
            }
            if (pc != null) {
                List<String> left = keeping() ? pc.removeContainers(false) : pc.sweep();
                if (!left.isEmpty()) {
                    problems.addAll(left);
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
