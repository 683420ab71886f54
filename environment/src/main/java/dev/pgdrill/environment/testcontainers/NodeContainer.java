package dev.pgdrill.environment.testcontainers;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.pgdrill.environment.container.ProjectContainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

import java.util.Map;
import java.util.function.Consumer;

/**
 * One PostgreSQL node as a Testcontainers container: on the run's client network with its SQL port
 * published on 127.0.0.1 only (Testcontainers would publish on every interface), its data, WAL-archive
 * and backups volumes mounted, NET_ADMIN for the latency fault, and, between create and start, joined
 * to the run's replication network under its {@code repl-<node>} alias, as the Compose file does.
 * Readiness is {@link PostgresReady}. Only its first start is Testcontainers'; stops and starts that
 * keep the data go through docker-java ({@code ContainerNode}), since {@link GenericContainer#stop()}
 * removes the container.
 */
final class NodeContainer extends GenericContainer<NodeContainer> {
    private final String node;
    private final Consumer<String> joinReplication;

    NodeContainer(DockerImageName image, String node, Network client, Consumer<String> joinReplication) {
        super(image);
        this.node = node;
        this.joinReplication = joinReplication;
        withNetwork(client);
    }

    /** Publishes 5432 on 127.0.0.1:{@code hostPort} and mounts the volumes; applied when the container is created. */
    NodeContainer publishedOn(int hostPort, String dataVolume, String archiveVolume, String backupsVolume) {
        return withCreateContainerCmdModifier((CreateContainerCmd cmd) -> {
            ExposedPort pg = ExposedPort.tcp(5432);
            Ports ports = new Ports();
            ports.bind(pg, Ports.Binding.bindIpAndPort("127.0.0.1", hostPort));
            cmd.withExposedPorts(pg);
            cmd.getHostConfig().withPortBindings(ports).withCapAdd(Capability.NET_ADMIN)
                    .withBinds(new Bind(dataVolume, new Volume(ProjectContainers.DATA)),
                            new Bind(archiveVolume, new Volume(ProjectContainers.ARCHIVE)),
                            new Bind(backupsVolume, new Volume(ProjectContainers.BACKUPS)));
        });
    }

    NodeContainer labelled(Map<String, String> labels) {
        return withLabels(labels);
    }

    @Override
    protected void containerIsCreated(String containerId) {
        joinReplication.accept(containerId);
    }

    String node() {
        return node;
    }
}
