package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.common.Replication;
import dev.pgdrill.environment.container.ContainerNode;
import dev.pgdrill.environment.container.ContainerPostgresUser;
import dev.pgdrill.environment.container.DockerEngine;
import dev.pgdrill.environment.container.ProjectContainers;
import dev.pgdrill.environment.container.ProjectFiles;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Brings a run's Compose project up: writes the Compose files, {@code up -d --build}, then waits,
 * against one deadline, until both containers are healthy, accept SQL from the runner, and the
 * replica streams from the primary. A failure names what was awaited and shows the last log lines.
 */
final class ComposeSetUp {
    private final ComposeSettings settings;
    private final DockerEngine engine;
    private final ProjectContainers containers;

    ComposeSetUp(ComposeSettings settings, DockerEngine engine, ProjectContainers containers) {
        this.settings = settings;
        this.engine = engine;
        this.containers = containers;
    }

    Map<String, ContainerNode> run(Duration deadline, Consumer<ComposeCli> started) {
        Poller d = Poller.within(deadline);
        ProjectFiles.extract(settings.dir(), settings.spec(), ContainerPostgresUser.of(engine, settings.image()));
        ComposeCli cli = new ComposeCli(settings.dir(), settings.project(), settings.composeEnv());
        started.accept(cli);
        ExecResult up = cli.run(d.remainingAtLeast(Duration.ofSeconds(1)), "up", "-d", "--build");
        if (!up.succeeded()) {
            ExecResult logs = cli.run(Duration.ofSeconds(30), "logs", "--no-color", "--tail=20");
            throw new EnvironmentException("`" + cli.describe() + " up -d --build` exited " + up.exitCode() + ":\n"
                    + ProjectContainers.tail(up.stdout() + up.stderr(), 20) + "\nlast log lines:\n"
                    + ProjectFiles.originalNames(ProjectContainers.tail(logs.stdout(), 40), settings.spec()));
        }
        String primaryId = containers.serviceContainer("primary");
        String replicaId = containers.serviceContainer("replica");
        containers.discover(primaryId);
        Map<String, ContainerNode> nodes = new LinkedHashMap<>();
        nodes.put("primary", node("primary", primaryId, settings.primaryPort()));
        nodes.put("replica", node("replica", replicaId, settings.replicaPort()));
        for (ContainerNode node : nodes.values()) {
            await(d, "node '" + node.name() + "' to be healthy and accept SQL on 127.0.0.1:" + node.hostPort(),
                    node, () -> "healthy".equals(node.health()) && acceptsSql(node));
        }
        ContainerNode primary = nodes.get("primary");
        await(d, "the replica to stream from the primary", nodes.get("replica"),
                () -> Replication.streaming(primary, "replica"));
        return nodes;
    }

    private ContainerNode node(String name, String containerId, int port) {
        String volume = ProjectContainers.volumeAt(containers.engineInspect(containerId), ProjectContainers.DATA);
        return new ContainerNode(name, containerId, volume, port, containers, engine, settings.password(),
                settings.database());
    }

    private static void await(Poller deadline, String what, ContainerNode node, BooleanSupplier condition) {
        if (!deadline.pausing(Duration.ofMillis(200), Duration.ofMillis(200)).poll(what, condition).reached()) {
            throw new EnvironmentException("timed out waiting for " + what + " (container health: " + node.health()
                    + "); last log lines of node '" + node.name() + "':\n" + String.join("\n", node.logTail(20)));
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
