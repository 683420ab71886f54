package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.common.BackendTool;
import dev.pgdrill.environment.common.FreePorts;
import dev.pgdrill.environment.container.ContainerEnvironment;
import dev.pgdrill.environment.container.ContainerNode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Compose backend of the {@link Environment} port: the Compose environment of
 * {@code environment/} (primary with WAL archiving, replica streaming through slot
 * {@code replica_slot}; any other declared standby cloned from its upstream, see {@link #startStandby}) brought up
 * one node at a time by the shared skeleton under a project name of its own ({@code pgdrill-<run>-<random>})
 * with free 127.0.0.1 ports and a generated admin password. SQL goes over JDBC to the published
 * ports; faults go through docker-java (see {@link ContainerNode}, {@link LinkFaults}); backups live
 * in the project's backups volume, the WAL archive in its own volume; restores and rebuilds run in
 * helper containers on the node's volumes. With pgBackRest ({@link ComposeToolHost}) its configuration,
 * repository and logs live in the pgBackRest volume and the nodes archive through it. {@link #close()} removes every container, network and
 * volume of the project ({@link Teardown}). {@link #archivedWalFiles()} lists every archived file
 * (segments, {@code .history}, {@code .backup}, {@code .partial}) except in-flight {@code .tmp} copies.
 */
public final class ComposeEnvironment extends ContainerEnvironment {
    private final ComposeSettings settings;
    private final Teardown teardown;
    private final ComposeSetUp setUp;
    private volatile ComposeCli compose;

    ComposeEnvironment(ComposeSettings settings, BackupTool tool) {
        super(settings.project(), settings.image());
        this.settings = settings;
        useProvider(BackendTool.of(tool).provider(this, new ComposeToolHost(containers, nodes::list)));
        this.setUp = new ComposeSetUp(settings, engine, containers);
        this.teardown = new Teardown(settings.project(), settings.dir(), () -> compose, () -> containers,
                this::releaseResources);
    }

    @Override
    public String kind() {
        return "compose";
    }

    /** The Compose project name of this run. */
    public String project() {
        return settings.project();
    }

    @Override
    public void setUp(Duration deadline) {
        teardown.arm();
        teardown.registerWithReaper();
        try {
            compose = setUp.files();
            setUpTopology(Poller.within(deadline));
        } catch (RuntimeException e) {
            EnvironmentException failure = new EnvironmentException("setting up the Compose environment (project "
                    + settings.project() + ") failed: " + e.getMessage(), e);
            try {
                teardown.run();
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /** The Compose service of that name, as its file defines it. */
    @Override
    protected ContainerNode startPrimary(String name, Poller deadline) {
        ContainerNode node = setUp.start(name, deadline);
        useToolForArchiving(node);
        return node;
    }

    /**
     * The file's {@code replica} service when declared as the file defines it ({@link ComposeSettings#isFileReplica}):
     * its entrypoint clones the primary through the slot the file names, which is the one prepared. Any other
     * standby is a node of the drill's image, its data volume filled by a base backup of {@code upstream} in a helper
     * container (with its declared archive options), then started and awaited as the file's services are.
     */
    @Override
    protected ContainerNode startStandby(String name, ContainerNode upstream, String slot, Poller deadline) {
        ContainerNode node;
        if (topology().node(name).filter(ComposeSettings::isFileReplica).isPresent()) {
            node = setUp.start(name, deadline);
            links.link(name, upstream.name());
        } else {
            node = newNode(name);
            cloneAsStandby(node, upstream, slot);
            node.start();
            setUp.awaitReady(node, deadline);
        }
        useToolForArchiving(node);
        return node;
    }

    @Override
    protected Topology topology() {
        return settings.spec().topology();
    }

    /**
     * Points {@code node}'s {@code archive_command} and {@code restore_command} at the run's backup tool
     * (ALTER SYSTEM and a reload), when it archives on its own: the Compose files archive with {@code cp}.
     * Backups carry the settings, so restored nodes keep them.
     */
    private void useToolForArchiving(ContainerNode node) {
        String archive = provider().archiveCommand();
        if (archive == null) {
            return;
        }
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET archive_command = " + literal(archive));
            s.execute("ALTER SYSTEM SET restore_command = " + literal(provider().restoreCommand()));
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new EnvironmentException("could not point node '" + node.name() + "' at " + provider().describe()
                    + " for archiving: " + e.getMessage(), e);
        }
    }

    /** A SQL string literal: ALTER SYSTEM takes no bind parameters. */
    static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new EnvironmentException("a setting may not contain a NUL character");
        }
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    protected ContainerNode newNode(String name) {
        int port = FreePorts.reserve();
        String volume = settings.project() + "_" + name + "-data";
        String id = containers.createNode(name, volume, port, Map.of("POSTGRES_USER", ContainerNode.ADMIN,
                "POSTGRES_PASSWORD", settings.password(), "POSTGRES_DB", ContainerNode.DATABASE));
        return new ContainerNode(name, id, volume, port, containers, engine, settings.password(), settings.database());
    }

    @Override
    protected String password() {
        return settings.password();
    }

    @Override
    public List<String> secrets() {
        return List.of(settings.password());
    }

    @Override
    public String location() {
        return "Compose project " + settings.project() + " (files in " + settings.dir() + ")";
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
        nodes.list().forEach(n -> FreePorts.release(n.hostPort()));
        settings.ports().forEach(FreePorts::release);
        engine.close();
    }

    /** Where the Compose files of this run are. */
    Path dir() {
        return settings.dir();
    }
}
