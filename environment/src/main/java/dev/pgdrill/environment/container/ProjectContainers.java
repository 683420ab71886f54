package dev.pgdrill.environment.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.environment.common.ToolClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Docker objects of one run's project (a Compose project, or a Testcontainers run carrying its label): its networks and shared volumes, containers for nodes
 * the Compose file does not define, one-off helper containers on a node's volumes, and the sweep
 * that removes everything carrying the project's label.
 */
public final class ProjectContainers {
    public static final String PROJECT_LABEL = "com.docker.compose.project";
    public static final String DATA = "/var/lib/postgresql/data";
    public static final String ARCHIVE = "/var/lib/postgresql/wal-archive";
    public static final String BACKUPS = "/var/lib/postgresql/backups";
    /** pgBackRest's home (configuration, repository, logs, locks), a volume every node and helper shares. */
    public static final String PGBACKREST = "/var/lib/pgbackrest";

    private final DockerEngine engine;
    private final DockerClient client;
    private final String project;
    private final String image;
    private String replicationNetwork;
    private String clientNetwork;
    private String archiveVolume;
    private String backupsVolume;
    private String repoVolume;

    public ProjectContainers(DockerEngine engine, String project, String image) {
        this.engine = engine;
        this.client = engine.client();
        this.project = project;
        this.image = image;
    }

    /** Finds the networks and shared volumes Compose created, from the primary's container. */
    public void discover(String primaryContainer) {
        replicationNetwork = network("replication");
        clientNetwork = network("client");
        InspectContainerResponse c = client.inspectContainerCmd(primaryContainer).exec();
        archiveVolume = volumeAt(c, ARCHIVE);
        backupsVolume = volumeAt(c, BACKUPS);
        repoVolume = volumeAt(c, PGBACKREST);
    }

    /**
     * Uses networks and shared volumes made by another backend (Testcontainers) instead of
     * {@linkplain #discover discovering} Compose's; it has no pgBackRest volume.
     */
    public void use(String replicationNetwork, String clientNetwork, String archiveVolume, String backupsVolume) {
        this.replicationNetwork = replicationNetwork;
        this.clientNetwork = clientNetwork;
        this.archiveVolume = archiveVolume;
        this.backupsVolume = backupsVolume;
    }

    /** The Compose project (label value) every object of the run carries. */
    public String project() {
        return project;
    }

    public String replicationNetwork() {
        return replicationNetwork;
    }

    private String network(String name) {
        List<Network> found = client.listNetworksCmd().withFilter("label",
                List.of(PROJECT_LABEL + "=" + project, "com.docker.compose.network=" + name)).exec();
        if (found.isEmpty()) {
            throw new EnvironmentException("network '" + name + "' of Compose project " + project + " not found");
        }
        return found.get(0).getName();
    }

    public static String volumeAt(InspectContainerResponse c, String destination) {
        return c.getMounts().stream().filter(m -> m.getDestination() != null
                        && destination.equals(m.getDestination().getPath()) && m.getName() != null)
                .map(InspectContainerResponse.Mount::getName).findFirst()
                .orElseThrow(() -> new EnvironmentException("container " + c.getName() + " has no volume at " + destination));
    }

    /** The running container of Compose service {@code service}. */
    public String serviceContainer(String service) {
        List<Container> found = client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(PROJECT_LABEL, project,
                "com.docker.compose.service", service)).exec();
        if (found.isEmpty()) {
            throw new EnvironmentException("no container for service '" + service + "' in Compose project " + project);
        }
        return found.get(0).getId();
    }

    /** Creates (not starts) a container for a node the Compose file does not define; returns its id. */
    public String createNode(String node, String dataVolume, int hostPort, Map<String, String> env) {
        client.createVolumeCmd().withName(dataVolume).withLabels(labels(Map.of("dev.pgdrill.node", node))).exec();
        ExposedPort pg = ExposedPort.tcp(5432);
        Ports ports = new Ports();
        ports.bind(pg, Ports.Binding.bindIpAndPort("127.0.0.1", hostPort));
        CreateContainerResponse created = client.createContainerCmd(image)
                .withName(project + "_" + node + "_1")
                .withLabels(labels(Map.of("com.docker.compose.service", node, "com.docker.compose.oneoff", "False",
                        "com.docker.compose.container-number", "1", "dev.pgdrill.node", node)))
                .withEnv(DockerEngine.envList(env)).withExposedPorts(pg)
                .withHealthcheck(new HealthCheck()
                        .withTest(List.of("CMD-SHELL", "pg_isready -q -h 127.0.0.1"))
                        .withInterval(1_000_000_000L).withTimeout(5_000_000_000L).withRetries(180))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(clientNetwork).withPortBindings(ports)
                        .withCapAdd(Capability.NET_ADMIN)
                        .withBinds(sharedBinds(dataVolume)))
                .exec();
        connectReplication(created.getId(), node);
        return created.getId();
    }

    /** The project's shared volumes that are known (none before discovery), plus {@code dataVolume} when not null. */
    private List<Bind> sharedBinds(String dataVolume) {
        List<Bind> binds = new ArrayList<>();
        if (dataVolume != null) {
            binds.add(new Bind(dataVolume, new Volume(DATA)));
        }
        if (archiveVolume != null) {
            binds.add(new Bind(archiveVolume, new Volume(ARCHIVE)));
        }
        if (backupsVolume != null) {
            binds.add(new Bind(backupsVolume, new Volume(BACKUPS)));
        }
        if (repoVolume != null) {
            binds.add(new Bind(repoVolume, new Volume(PGBACKREST)));
        }
        return binds;
    }

    public void connectReplication(String containerId, String node) {
        client.connectToNetworkCmd().withNetworkId(replicationNetwork).withContainerId(containerId)
                .withContainerNetwork(new ContainerNetwork().withAliases(List.of(alias(node)))).exec();
    }

    void disconnectReplication(String containerId) {
        client.disconnectFromNetworkCmd().withNetworkId(replicationNetwork).withContainerId(containerId)
                .withForce(true).exec();
    }

    public InspectContainerResponse engineInspect(String containerId) {
        return engine.inspect(containerId).orElseThrow(() -> new EnvironmentException("container "
                + containerId.substring(0, 12) + " of project " + project + " is gone"));
    }

    boolean onReplicationNetwork(String containerId) {
        return engine.inspect(containerId).map(c -> c.getNetworkSettings().getNetworks().containsKey(replicationNetwork))
                .orElse(false);
    }

    /** The DNS name of a node on the replication network (a plain service name also resolves on the client network). */
    public static String alias(String node) {
        return "repl-" + node;
    }

    /**
     * Runs {@code script} with bash as root in a one-off container of the image with {@code dataVolume}
     * (when not null) at the data directory plus the archive, backups and pgBackRest volumes; optionally on
     * the replication network.
     */
    public ExecResult runHelper(String what, String dataVolume, boolean replicationLink, String script, Map<String, String> env,
                         Duration timeout) {
        return runHelper(what, dataVolume, replicationLink, script, List.of(), env, timeout);
    }

    /** As above; {@code args} become {@code $0 $1 ...} of the script. */
    public ExecResult runHelper(String what, String dataVolume, boolean replicationLink, String script, List<String> args,
                         Map<String, String> env, Duration timeout) {
        return ToolClock.timed(() -> runHelperUntimed(what, dataVolume, replicationLink, script, args, env, timeout));
    }

    private ExecResult runHelperUntimed(String what, String dataVolume, boolean replicationLink, String script,
                                        List<String> args, Map<String, String> env, Duration timeout) {
        List<Bind> binds = sharedBinds(dataVolume);
        String id = client.createContainerCmd(image).withUser("root").withEntrypoint("bash", "-c", script)
                .withCmd(args).withEnv(DockerEngine.envList(env))
                .withLabels(labels(Map.of("com.docker.compose.oneoff", "True", "dev.pgdrill.helper", what)))
                .withHostConfig(HostConfig.newHostConfig().withBinds(binds)
                        .withNetworkMode(replicationLink ? replicationNetwork : "none"))
                .exec().getId();
        try {
            return engine.runToEnd(id, timeout);
        } finally {
            removeQuietly(id);
        }
    }

    public ExecResult runHelperChecked(String what, String dataVolume, boolean replicationLink, String script,
                                Map<String, String> env, Duration timeout) {
        ExecResult r = runHelper(what, dataVolume, replicationLink, script, env, timeout);
        if (!r.succeeded()) {
            throw new EnvironmentException(what + " failed (exit " + r.exitCode() + "):\n"
                    + ProjectContainers.tail(r.stdout() + "\n" + r.stderr(), 20));
        }
        return r;
    }

    /** The project's labels plus {@code extra}. */
    public Map<String, String> labels(Map<String, String> extra) {
        Map<String, String> labels = new HashMap<>(extra);
        labels.put(PROJECT_LABEL, project);
        labels.put("dev.pgdrill.run", project);
        return labels;
    }

    public void unpause(String id) {
        client.unpauseContainerCmd(id).exec();
    }

    private void removeQuietly(String id) {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException ignored) {
            // already gone
        } catch (RuntimeException e) {
            // the sweep at close retries
        }
    }

    /**
     * Removes every container labelled with the project, with its anonymous volumes when
     * {@code volumes}, all at once; returns what could not be removed.
     */
    public List<String> removeContainers(boolean volumes) {
        List<String> left = new CopyOnWriteArrayList<>();
        atOnce(containers(), c -> remove("container " + c.getId().substring(0, 12), left,
                () -> client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(volumes).exec()));
        return new ArrayList<>(left);
    }

    /**
     * Stops every running container of the project (SIGTERM, then SIGKILL after {@code grace}), all at once, so
     * that kept volumes hold servers shut down cleanly; a container that will not stop is removed by force later.
     */
    public void stopAll(Duration grace) {
        atOnce(containers(), c -> {
            try {
                client.stopContainerCmd(c.getId()).withTimeout((int) Math.max(1, grace.toSeconds())).exec();
            } catch (RuntimeException ignored) {
                // gone, or already stopped: the removal that follows decides
            }
        });
    }

    /** Removes the project's networks, all at once; returns what could not be removed. */
    public List<String> removeNetworks() {
        List<String> left = new CopyOnWriteArrayList<>();
        atOnce(networks(), n -> remove("network " + n.getName(), left, () -> client.removeNetworkCmd(n.getId()).exec()));
        return new ArrayList<>(left);
    }

    /**
     * Removes every container, network and volume labelled with the project (each kind all at once, the
     * containers first); returns what could not be removed.
     */
    public List<String> sweep() {
        List<String> left = new ArrayList<>(removeContainers(true));
        left.addAll(removeNetworks());
        List<String> volumesLeft = new CopyOnWriteArrayList<>();
        atOnce(volumes(), v -> remove("volume " + v, volumesLeft, () -> client.removeVolumeCmd(v).exec()));
        left.addAll(volumesLeft);
        return left;
    }

    /**
     * Runs {@code action} on every item, each in a thread of its own, and returns when all are done: the engine
     * handles the calls side by side (a removal waits mostly for the container's processes and the file system).
     */
    private static <T> void atOnce(List<T> items, Consumer<T> action) {
        if (items.size() <= 1) {
            items.forEach(action);
            return;
        }
        List<Thread> threads = new ArrayList<>();
        for (T item : items) {
            Thread t = new Thread(() -> action.accept(item), "pgdrill-teardown");
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs {@code removal}; one already gone counts as removed, any other failure is added to {@code left}. */
    private static void remove(String what, List<String> left, Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException ignored) {
            // gone meanwhile
        } catch (RuntimeException e) {
            left.add(what + ": " + e.getMessage());
        }
    }

    public List<Container> containers() {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(PROJECT_LABEL, project)).exec();
    }

    public List<Network> networks() {
        return client.listNetworksCmd().withFilter("label", List.of(PROJECT_LABEL + "=" + project)).exec();
    }

    public List<String> volumes() {
        var response = client.listVolumesCmd().withFilter("label", List.of(PROJECT_LABEL + "=" + project)).exec();
        return response.getVolumes() == null ? List.of()
                : response.getVolumes().stream().map(v -> v.getName()).toList();
    }

    /** The last {@code lines} lines of {@code text}, for messages. */
    public static String tail(String text, int lines) {
        String[] all = text.strip().split("\r?\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", Arrays.asList(all).subList(from, all.length));
    }
}
