package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.environment.common.BackendEnvironment;
import dev.pgdrill.environment.common.FreePorts;
import dev.pgdrill.environment.common.LinkSafeCopy;
import dev.pgdrill.environment.common.PgBackRestProvider;

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
 * {@code replica_slot}) brought up under a project name of its own ({@code pgdrill-<run>-<random>})
 * with free 127.0.0.1 ports and a generated admin password. SQL goes over JDBC to the published
 * ports; faults go through docker-java (see {@link ComposeNode}, {@link LinkFaults}); backups live
 * in the project's backups volume, the WAL archive in its own volume; restores and rebuilds run in
 * helper containers on the node's volumes. With pgBackRest ({@link ComposeToolHost}) its configuration,
 * repository and logs live in the pgBackRest volume and the nodes archive through it. {@link #close()} removes every container, network and
 * volume of the project ({@link Teardown}). {@link #archivedWalFiles()} lists every archived file
 * (segments, {@code .history}, {@code .backup}, {@code .partial}) except in-flight {@code .tmp} copies.
 */
public final class ComposeEnvironment extends BackendEnvironment<ComposeNode> {
    private final ComposeSettings settings;
    private final DockerEngine engine;
    private final ProjectContainers containers;
    private final LinkFaults links;
    private final Teardown teardown;
    private volatile ComposeCli compose;

    ComposeEnvironment(ComposeSettings settings, BackupTool tool) {
        this.settings = settings;
        this.engine = DockerEngine.connect();
        this.containers = new ProjectContainers(engine, settings.project(), settings.image());
        if (tool == BackupTool.PGBACKREST) {
            useProvider(new PgBackRestProvider<>(new ComposeToolHost(containers, nodes::list), ProjectContainers.PGBACKREST,
                    "/var/run/postgresql", ComposeNode.ADMIN));
        }
        this.links = new LinkFaults(containers, n -> nodes.get(n).orElse(null));
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
            new ComposeSetUp(settings, engine, containers).run(deadline, c -> compose = c).values()
                    .forEach(nodes::add);
            links.link("replica", "primary");
            useToolForArchiving();
            provider().initialize(nodes.existing("primary", "set-up"), COMMAND_TIMEOUT);
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

    /**
     * Points every node's {@code archive_command} and {@code restore_command} at the run's backup tool
     * (ALTER SYSTEM and a reload), when it archives on its own: the Compose files archive with {@code cp}.
     * Backups carry the settings, so restored nodes keep them.
     */
    private void useToolForArchiving() {
        String archive = provider().archiveCommand();
        if (archive == null) {
            return;
        }
        for (ComposeNode node : nodes.list()) {
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER SYSTEM SET archive_command = " + literal(archive));
                s.execute("ALTER SYSTEM SET restore_command = " + literal(provider().restoreCommand()));
                s.execute("SELECT pg_reload_conf()");
            } catch (SQLException e) {
                throw new EnvironmentException("could not point node '" + node.name() + "' at " + provider().describe()
                        + " for archiving: " + e.getMessage(), e);
            }
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
    protected ComposeNode newNode(String name) {
        int port = FreePorts.reserve();
        String volume = settings.project() + "_" + name + "-data";
        String id = containers.createNode(name, volume, port, Map.of("POSTGRES_USER", ComposeNode.ADMIN,
                "POSTGRES_PASSWORD", settings.password(), "POSTGRES_DB", ComposeNode.DATABASE));
        return new ComposeNode(name, id, volume, port, containers, engine, settings.password(), settings.database());
    }

    @Override
    public void partition(String node) {
        links.partition(nodes.existing(node, "partition"));
    }

    @Override
    public void heal(String node) {
        links.heal(nodes.existing(node, "heal"));
    }

    @Override
    public void latency(String node, Duration delay) {
        links.latency(nodes.existing(node, "latency"), delay);
    }

    @Override
    protected BackupInfo baseBackup(ComposeNode node, String name) {
        String fromNode = node.name();
        reserveBackup(name);
        if (!node.isRunning() || node.isPaused()) {
            throw new EnvironmentException("backup '" + name + "' of node '" + fromNode + "': the server must be "
                    + "running (it is " + (node.isPaused() ? "paused" : "stopped") + ")");
        }
        ExecResult r = node.script("backup '" + name + "'", "postgres", NodeScripts.BASE_BACKUP, List.of(),
                NodeScripts.env("BACKUP", name), COMMAND_TIMEOUT);
        return catalog.registerBase(name, fromNode, r.stdout(), r.stdout());
    }

    @Override
    public BackupInfo naiveCopy(String fromNode, String name) {
        ComposeNode node = nodes.existing(fromNode, "naive copy");
        reserveBackup(name);
        discardingOnFailure(node, name, () -> copy(node, "naive copy '" + name + "'", LinkSafeCopy.WHOLE, name));
        return catalog.registerNaive(name, fromNode);
    }

    @Override
    public BackupInfo naiveCopy(String fromNode, String name, Runnable midway) {
        ComposeNode node = nodes.existing(fromNode, "naive copy");
        reserveBackup(name);
        discardingOnFailure(node, name, () -> {
            copy(node, "naive copy '" + name + "' (pg_wal)", LinkSafeCopy.WAL_ONLY, name);
            midway.run();
            copy(node, "naive copy '" + name + "' (all but pg_wal)", LinkSafeCopy.ALL_BUT_WAL, name);
        });
        return catalog.registerNaive(name, fromNode);
    }

    /** Runs a {@link LinkSafeCopy} script as postgres from the node's data directory into backup {@code name}. */
    private void copy(ComposeNode node, String what, String script, String name) {
        node.script(what, "postgres", script,
                List.of("pgdrill-copy", ProjectContainers.DATA, ProjectContainers.BACKUPS + "/" + name), Map.of(),
                COMMAND_TIMEOUT);
    }

    /** Runs {@code copying}; a failure removes the partial copy {@code name} and is passed on. */
    private void discardingOnFailure(ComposeNode node, String name, Runnable copying) {
        try {
            copying.run();
        } catch (RuntimeException e) {
            node.script("removing the partial copy '" + name + "'", "postgres", NodeScripts.DISCARD_BACKUP, List.of(),
                    NodeScripts.env("BACKUP", name), COMMAND_TIMEOUT);
            throw e;
        }
    }

    /** As on the local backend: the name is a directory in the backups volume. */
    private void reserveBackup(String name) {
        catalog.reserve(name, n -> false);
    }

    @Override
    protected String restoreCommand() {
        return RecoverySettings.RESTORE_COMMAND;
    }

    @Override
    protected void unlink(ComposeNode node) {
        links.unlink(node.name());
    }

    @Override
    protected void copyBackupInto(ComposeNode node, BackupInfo backup, Map<String, String> recoverySettings) {
        containers.runHelperChecked("restoring backup '" + backup.name() + "' into node '" + node.name() + "'",
                node.dataVolume(), false, NodeScripts.HELPER,
                NodeScripts.env("AS_POSTGRES_SCRIPT", NodeScripts.RESTORE, "BACKUP", backup.name(),
                        "NAIVE", recoverySettings.isEmpty() ? "1" : "0",
                        "SETTINGS", RecoverySettings.lines(recoverySettings)),
                COMMAND_TIMEOUT);
        node.wiped(false);
    }

    @Override
    protected void cloneAsStandby(ComposeNode node, ComposeNode upstream, String slot) {
        String replica = node.name();
        containers.runHelperChecked("base backup of node '" + upstream.name() + "' for standby '" + replica + "'",
                node.dataVolume(), true, NodeScripts.HELPER,
                NodeScripts.env("AS_POSTGRES_SCRIPT", NodeScripts.REBUILD_STANDBY,
                        "UPSTREAM", ProjectContainers.alias(upstream.name()), "SLOT", slot,
                        "PGUSER", ComposeNode.ADMIN, "PGPASSWORD", settings.password(),
                        "SETTINGS", RecoverySettings.forStandby(upstream.name(), replica, slot, settings.password(),
                                provider().restoreCommand())),
                COMMAND_TIMEOUT);
        links.link(replica, upstream.name());
        node.wiped(false);
    }

    @Override
    protected List<String> archiveListing() {
        List<ComposeNode> all = nodes.list();
        ComposeNode any = all.stream().filter(n -> n.isRunning() && !n.isPaused()).findFirst()
                .orElse(all.stream().findFirst().orElse(null));
        if (any == null) {
            return List.of();
        }
        ExecResult r = any.execAs("postgres", List.of("bash", "-c", NodeScripts.LIST_ARCHIVE), Map.of(),
                Duration.ofSeconds(30));
        return r.stdout().lines().map(String::trim).filter(f -> !f.isEmpty()).toList();
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
