package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.container.ContainerNode;
import dev.pgdrill.environment.container.ContainerPostgresUser;
import dev.pgdrill.environment.container.DockerEngine;
import dev.pgdrill.environment.container.ProjectContainers;
import dev.pgdrill.environment.container.ProjectFiles;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Brings a run's Compose services up one at a time, as the shared skeleton asks for its nodes: writes
 * the Compose files once, then per service {@code up -d --build --no-deps <service>} and a wait, against
 * the set-up deadline, until its server accepts SQL from the runner. The Compose file
 * says what each service is (image, settings, healthcheck; the replica's entrypoint clones the primary
 * through {@code replica_slot}). A failure names what was awaited and shows the last log lines.
 */
final class ComposeSetUp {
    /** How often a wait for readiness asks Docker whether the container exited or turned unhealthy. */
    private static final Duration STATE_EVERY = Duration.ofMillis(500);
    private final ComposeSettings settings;
    private final DockerEngine engine;
    private final ProjectContainers containers;
    private ComposeCli cli;
    private boolean discovered;

    ComposeSetUp(ComposeSettings settings, DockerEngine engine, ProjectContainers containers) {
        this.settings = settings;
        this.engine = engine;
        this.containers = containers;
    }

    /** Writes the run's Compose files; the command that brings its services up and down. */
    ComposeCli files() {
        ProjectFiles.extract(settings.dir(), settings.spec(), ContainerPostgresUser.of(engine, settings.image()));
        cli = new ComposeCli(settings.dir(), settings.project(), settings.composeEnv());
        return cli;
    }

    /** Starts {@code service} (the services it depends on run already) and waits until it accepts SQL. */
    ContainerNode start(String service, Poller deadline) {
        ExecResult up = cli.run(deadline.remainingAtLeast(Duration.ofSeconds(1)), "up", "-d", "--build", "--no-deps",
                service);
        if (!up.succeeded()) {
            ExecResult logs = cli.run(Duration.ofSeconds(30), "logs", "--no-color", "--tail=20");
            throw new EnvironmentException("`" + cli.describe() + " up -d --build --no-deps " + service + "` exited "
                    + up.exitCode() + ":\n" + ProjectContainers.tail(up.stdout() + up.stderr(), 20)
                    + "\nlast log lines:\n"
                    + ProjectFiles.originalNames(ProjectContainers.tail(logs.stdout(), 40), settings.spec()));
        }
        String id = containers.serviceContainer(service);
        if (!discovered) {
            containers.discover(id);
            discovered = true;
        }
        String volume = ProjectContainers.volumeAt(containers.engineInspect(id), ProjectContainers.DATA);
        ContainerNode node = new ContainerNode(service, id, volume, settings.portOf(service), containers, engine,
                settings.password(), settings.database());
        awaitReady(node, deadline);
        return node;
    }

    /**
     * Waits until {@code node}'s started container accepts SQL from the runner over its published port; fails at
     * once when it exits or Docker calls it unhealthy (looked at every {@link #STATE_EVERY}). The server's own answer
     * is the event: the socket-only server that runs the init scripts takes no TCP connection, so the first
     * {@code SELECT 1} that succeeds comes from the server the healthcheck would call healthy up to its interval
     * (1 s in our file) later.
     */
    void awaitReady(ContainerNode node, Poller deadline) {
        String service = node.name();
        String what = "node '" + service + "' to accept SQL on 127.0.0.1:" + node.hostPort();
        long[] lastLook = {System.nanoTime()};
        await(deadline, what, node, () -> {
            if (acceptsSql(node)) {
                return true;
            }
            long now = System.nanoTime();
            if (now - lastLook[0] < STATE_EVERY.toNanos()) {
                return false;
            }
            lastLook[0] = now;
            return failed(node);
        });
        if (failed(node)) {
            throw new EnvironmentException("node '" + service + "' did not come up (container "
                    + (node.isRunning() ? "health: " + node.health() : "exited") + "); last log lines:\n"
                    + logTail(node));
        }
    }

    /**
     * Whether {@code node}'s container exited or Docker calls it unhealthy: the set-up fails at once, as
     * {@code depends_on: service_healthy} fails an {@code up} of both services.
     */
    private static boolean failed(ContainerNode node) {
        return !node.isRunning() || "unhealthy".equals(node.health());
    }

    private String logTail(ContainerNode node) {
        return ProjectFiles.originalNames(String.join("\n", node.logTail(20)), settings.spec());
    }

    private void await(Poller deadline, String what, ContainerNode node, BooleanSupplier condition) {
        if (!deadline.pausing(Duration.ofMillis(20), Duration.ofMillis(50)).poll(what, condition).reached()) {
            throw new EnvironmentException("timed out waiting for " + what + " (container health: " + node.health()
                    + "); last log lines of node '" + node.name() + "':\n" + logTail(node));
        }
    }

    private static boolean acceptsSql(ContainerNode node) {
        try (Connection c = node.connect(); var s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
