package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.common.BackendTool;
import dev.pgdrill.environment.common.FreePorts;
import dev.pgdrill.environment.common.Passwords;
import dev.pgdrill.environment.container.ContainerEnvironment;
import dev.pgdrill.environment.container.ContainerNode;
import dev.pgdrill.environment.container.LinkFaults;
import dev.pgdrill.environment.container.NodeScripts;
import dev.pgdrill.environment.container.ProjectContainers;
import dev.pgdrill.environment.container.ProjectFiles;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The Testcontainers backend of the {@link Environment} port: the same drill environment as the
 * Compose backend (the drill's nodes, {@link Topology#DEFAULT} a primary with WAL archiving and a replica
 * streaming through {@code replica_slot}, set up by the shared skeleton; shared
 * WAL-archive and backups volumes, an internal replication network and a client network publishing
 * SQL ports on 127.0.0.1 only), started with Testcontainers from one PostgreSQL image (default
 * {@code postgres:15}; a standby is cloned from its upstream by a helper container, so no replica
 * image is needed). A drill's own database, seed files and settings reach the primary as on Compose: the
 * same init files ({@link ProjectFiles#primaryInit}) copied into its {@code /docker-entrypoint-initdb.d}.
 * Testcontainers starts each node and waits for it ({@link PostgresReady});
 * from then on the nodes are {@link ContainerNode}s driven through docker-java, and faults, backups,
 * restores and rebuilds are the container code it shares with Compose ({@link LinkFaults}, {@link NodeScripts}, helper
 * containers on the node's volumes). Everything carries the run's label
 * ({@code com.docker.compose.project=pgdrill-tc-<run>-<random>}); {@link #close()} removes it all
 * ({@link TestcontainersTeardown}), and so does the reaper when the runner is killed.
 */
public final class TestcontainersEnvironment extends ContainerEnvironment {
    private static final String INIT = "/docker-entrypoint-initdb.d/";

    private final String project;
    private final Path dir;
    private final EnvironmentSpec spec;
    private final DockerImageName image;
    private final String password = Passwords.generate();
    private final List<GenericContainer<?>> started = Collections.synchronizedList(new ArrayList<>());
    private final List<Network> networks = new ArrayList<>();
    private final List<Integer> ports = Collections.synchronizedList(new ArrayList<>());
    private final TestcontainersTeardown teardown;
    private String archiveVolume;
    private String backupsVolume;
    private Network client;
    private List<Path> initFiles;

    /**
     * @param spec what the drill asks of its servers: its own database, seed files (run at the primary's
     *             first start, as on Compose) and settings (in every node's postgresql.conf; the replica and
     *             restored nodes inherit them through their base backups)
     */
    TestcontainersEnvironment(String runName, Path workRoot, String image, EnvironmentSpec spec) {
        super(projectName(runName), image);
        this.project = containers.project();
        this.dir = workRoot.resolve(project);
        this.spec = spec;
        useProvider(BackendTool.of(spec.backupTool()).provider(this, null)); // no tool host: tools that need none
        this.image = DockerImageName.parse(image);
        this.teardown = new TestcontainersTeardown(project, dir, containers, started, networks,
                this::releaseResources);
    }

    @Override
    public String kind() {
        return "testcontainers";
    }

    /** The label value ({@code com.docker.compose.project}) of everything this run creates. */
    public String project() {
        return project;
    }

    @Override
    public void setUp(Duration deadline) {
        teardown.arm();
        teardown.registerWithReaper();
        try {
            start(Poller.within(deadline));
        } catch (RuntimeException e) {
            EnvironmentException failure = new EnvironmentException("setting up the Testcontainers environment (run "
                    + project + ", image " + image.asCanonicalNameString() + ") failed: " + e.getMessage(), e);
            try {
                teardown.run();
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    private void start(Poller deadline) {
        network(true);
        client = network(false);
        String archive = volume("wal-archive", null);
        String backups = volume("base-backups", null);
        containers.use(networkName(true), networkName(false), archive, backups);
        archiveVolume = archive;
        backupsVolume = backups;
        initFiles = initFiles();
        setUpTopology(deadline);
    }

    /** A node whose first start runs the init files: the drill's database, seed and settings. */
    @Override
    protected ContainerNode startPrimary(String name, Poller deadline) {
        Path initDir = dir.resolve("primary/init");
        return startNode(name, deadline, c -> {
            c.withEnv("POSTGRES_INITDB_ARGS", "--data-checksums");
            for (Path file : initFiles) {
                c.withCopyFileToContainer(MountableFile.forHostPath(file, file.toString().endsWith(".sh") ? 0755 : 0644),
                        INIT + initDir.relativize(file));
            }
        }, null);
    }

    /** A node whose data volume a helper container fills with a base backup of the upstream before it starts. */
    @Override
    protected ContainerNode startStandby(String name, ContainerNode upstream, String slot, Poller deadline) {
        ContainerNode node = startNode(name, deadline, c -> {
        }, volume -> containers.runHelperChecked("cloning node '" + name + "' from node '" + upstream.name() + "'",
                volume, true, NodeScripts.HELPER, NodeScripts.env("AS_POSTGRES_SCRIPT", NodeScripts.REBUILD_STANDBY,
                        "UPSTREAM", ProjectContainers.alias(upstream.name()), "SLOT", slot,
                        "PGUSER", ContainerNode.ADMIN, "PGPASSWORD", password,
                        "SETTINGS", standbySettings(name, upstream, slot)),
                deadline.remainingAtLeast(Duration.ofSeconds(1))));
        links.link(name, upstream.name());
        return node;
    }

    @Override
    protected Topology topology() {
        return spec.topology();
    }

    /** The primary's init files (the Compose environment's, with the drill's own under {@code pgdrill/}), written into the run's directory. */
    private List<Path> initFiles() {
        Path init = ProjectFiles.primaryInit(dir, spec);
        try (Stream<Path> files = Files.walk(init)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new EnvironmentException("could not list the primary's init files in " + init + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Starts node {@code name} with Testcontainers and waits until it serves SQL; {@code prepareData},
     * when given, fills its data volume first (the entrypoint then starts the server on it as it is).
     */
    private ContainerNode startNode(String name, Poller deadline,
                                  Consumer<NodeContainer> configure,
                                  Consumer<String> prepareData) {
        String data = volume(name + "-data", name);
        if (prepareData != null) {
            prepareData.accept(data);
        }
        int port = FreePorts.reserve();
        ports.add(port);
        NodeContainer c = new NodeContainer(image, name, client,
                id -> containers.connectReplication(id, name))
                .publishedOn(port, data, archiveVolume, backupsVolume)
                .labelled(containers.labels(Map.of("com.docker.compose.service", name, "dev.pgdrill.node", name)))
                .withEnv("POSTGRES_USER", ContainerNode.ADMIN).withEnv("POSTGRES_PASSWORD", password)
                .withEnv("POSTGRES_DB", ContainerNode.DATABASE)
                .withStartupAttempts(1);
        configure.accept(c);
        PostgresReady ready = new PostgresReady(new ContainerNode(name, "pending", data, port, containers, engine,
                password).connectionInfo());
        c.waitingFor(ready.withStartupTimeout(deadline.remainingAtLeast(Duration.ofSeconds(1))));
        started.add(c);
        try {
            c.start();
        } catch (RuntimeException e) {
            String id = c.getContainerId();
            String logs = id == null ? "" : "; last log lines of node '" + name + "':\n"
                    + ProjectFiles.originalNames(String.join("\n",
                            new ContainerNode(name, id, data, port, containers, engine, password).logTail(20)), spec);
            throw new EnvironmentException("starting node '" + name + "' failed: "
                    + ProjectFiles.originalNames(rootMessage(e), spec) + logs, e);
        }
        return new ContainerNode(name, c.getContainerId(), data, port, containers, engine, password, spec.database());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            sb.append(": ").append(t.getMessage());
        }
        return sb.toString();
    }

    /** A Testcontainers network of the run: the internal replication network, or the client network (no inter-container traffic). */
    private Network network(boolean replication) {
        Map<String, String> labels = containers.labels(Map.of("dev.pgdrill.network",
                replication ? "replication" : "client"));
        Network n = Network.builder().createNetworkCmdModifier(cmd -> {
            cmd.withLabels(labels).withName(networkName(replication));
            if (replication) {
                cmd.withInternal(true);
            } else {
                cmd.withOptions(Map.of("com.docker.network.bridge.enable_icc", "false"));
            }
        }).build();
        networks.add(n);
        n.getId();
        return n;
    }

    /** Docker inspects a container's networks by name: {@code <project>_replication}, {@code <project>_client}. */
    private String networkName(boolean replication) {
        return project + "_" + (replication ? "replication" : "client");
    }

    /** Creates a labelled named volume {@code <project>_<name>}. */
    private String volume(String name, String node) {
        String volume = project + "_" + name;
        engine.client().createVolumeCmd().withName(volume)
                .withLabels(containers.labels(node == null ? Map.of() : Map.of("dev.pgdrill.node", node))).exec();
        return volume;
    }

    @Override
    protected ContainerNode newNode(String name) {
        int port = FreePorts.reserve();
        String volume = project + "_" + name + "-data";
        String id = containers.createNode(name, volume, port, Map.of("POSTGRES_USER", ContainerNode.ADMIN,
                "POSTGRES_PASSWORD", password, "POSTGRES_DB", ContainerNode.DATABASE));
        return new ContainerNode(name, id, volume, port, containers, engine, password, spec.database());
    }

    @Override
    protected String password() {
        return password;
    }

    @Override
    public List<String> secrets() {
        return List.of(password);
    }

    @Override
    public String location() {
        return "Testcontainers run " + project + " (containers, networks and volumes labelled "
                + ProjectContainers.PROJECT_LABEL + "=" + project + ")";
    }

    @Override
    public void keep(boolean keep) {
        teardown.keep(keep);
    }

    @Override
    public void close() {
        teardown.run();
    }

    private void releaseResources() {
        nodes.list().stream().map(ContainerNode::hostPort).filter(p -> !ports.contains(p)).forEach(FreePorts::release);
        ports.forEach(FreePorts::release);
        engine.close();
    }

    /** {@code pgdrill-tc-<run>-<random>} in the characters Docker labels, names and the reaper accept. */
    static String projectName(String runName) {
        String run = runName == null ? "" : runName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (run.length() > 30) {
            run = run.substring(0, 30).replaceAll("-+$", "");
        }
        return "pgdrill-tc-" + (run.isEmpty() ? "run" : run) + "-"
                + String.format("%06x", new SecureRandom().nextInt(1 << 24));
    }
}
