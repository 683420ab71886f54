package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.environment.common.Directories;
import dev.pgdrill.environment.common.Reaper;
import dev.pgdrill.environment.common.RunTeardown;
import dev.pgdrill.environment.container.ProjectContainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes a Testcontainers run, once, on every exit path: thaws paused containers, stops the
 * containers Testcontainers started (which removes them), removes the containers pgdrill created
 * itself for restored or rebuilt nodes and the helpers, closes the networks, then removes whatever
 * still carries the run's label (volumes included). With keep, the volumes stay. The run carries the
 * Compose backend's project label, so the {@link Reaper} removes it the same way when the runner is
 * killed outright (SIGKILL); a JVM shutdown hook does it on SIGTERM and Ctrl-C.
 */
final class TestcontainersTeardown extends RunTeardown {
    private final String project;
    private final Path dir;
    private final ProjectContainers containers;
    private final List<GenericContainer<?>> started;
    private final List<Network> networks;
    private final Runnable afterwards;

    TestcontainersTeardown(String project, Path dir, ProjectContainers containers, List<GenericContainer<?>> started,
                           List<Network> networks, Runnable afterwards) {
        super("pgdrill-teardown-" + project, () -> Reaper.get().compose(project, dir));
        this.project = project;
        this.dir = dir;
        this.containers = containers;
        this.started = started;
        this.networks = networks;
        this.afterwards = afterwards;
    }

    @Override
    protected void tearDown() {
        List<String> problems = new ArrayList<>();
        try {
            attempt(problems, "thawing paused containers", () -> containers.containers().stream()
                    .filter(c -> "paused".equals(c.getState())).forEach(c -> containers.unpause(c.getId())));
            synchronized (started) {
                for (GenericContainer<?> c : started) {
                    attempt(problems, "stopping the container of image " + c.getDockerImageName(), c::stop);
                }
            }
            problems.addAll(containers.removeContainers(!keeping()));
            for (Network n : networks) {
                attempt(problems, "removing a network", n::close);
            }
            if (!keeping()) {
                problems.addAll(containers.sweep());
                attempt(problems, "removing the run's files in " + dir, () -> Directories.deleteRecursively(dir));
            }
        } finally {
            afterwards.run();
        }
        releaseReaper(problems.isEmpty());
        if (!problems.isEmpty()) {
            throw new EnvironmentException("removing Testcontainers run " + project + " left problems: "
                    + String.join("; ", problems));
        }
    }

    private static void attempt(List<String> problems, String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            problems.add(what + ": " + e.getMessage());
        }
    }
}
