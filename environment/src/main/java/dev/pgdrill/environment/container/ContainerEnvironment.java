package dev.pgdrill.environment.container;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.common.BackendEnvironment;
import dev.pgdrill.environment.common.LinkSafeCopy;
import dev.pgdrill.environment.common.RewindOutput;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every backend whose nodes are containers of our own engine shares (Compose, Testcontainers):
 * link faults on the replication network, base backups and naive copies into the backups volume,
 * restores and standby clones in helper containers on a node's data volume, and the archive listing,
 * all through {@link ProjectContainers}, {@link ContainerNode} and the {@link NodeScripts}. A subclass
 * starts the nodes its own way.
 */
public abstract class ContainerEnvironment extends BackendEnvironment<ContainerNode> {
    protected final DockerEngine engine;
    protected final ProjectContainers containers;
    protected final LinkFaults links;

    protected ContainerEnvironment(String project, String image) {
        this.engine = DockerEngine.connect();
        this.containers = new ProjectContainers(engine, project, image);
        this.links = new LinkFaults(containers, n -> nodes.get(n).orElse(null));
    }

    /** The password of the nodes' admin role (a standby clone logs in with it). */
    protected abstract String password();

    /** The set-up's waits ask the servers (SQL over published ports) every 50 ms at most. */
    @Override
    protected Poller setUpPolling(Poller deadline) {
        return deadline.pausing(Duration.ofMillis(20), Duration.ofMillis(50));
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
    protected BackupInfo baseBackup(ContainerNode node, String name) {
        return takeBaseBackup(node, name, null);
    }

    /** In the node's container, so pg_basebackup is the server's own version (17's for an incremental backup). */
    @Override
    protected BackupInfo incrementalBackup(ContainerNode node, String name, BackupInfo parent) {
        return takeBaseBackup(node, name, parent);
    }

    private BackupInfo takeBaseBackup(ContainerNode node, String name, BackupInfo parent) {
        String fromNode = node.name();
        reserveBackup(name);
        if (!node.isRunning() || node.isPaused()) {
            throw new EnvironmentException("backup '" + name + "' of node '" + fromNode + "': the server must be "
                    + "running (it is " + (node.isPaused() ? "paused" : "stopped") + ")");
        }
        String what = parent == null ? "backup '" + name + "'" : "incremental backup '" + name + "' on '"
                + parent.name() + "'";
        ExecResult r = node.script(what, "postgres", NodeScripts.BASE_BACKUP, List.of(),
                NodeScripts.env("BACKUP", name, "PARENT", parent == null ? "" : parent.name()), COMMAND_TIMEOUT);
        return catalog.registerBase(name, fromNode, r.stdout(), r.stdout(), parent);
    }

    @Override
    public BackupInfo naiveCopy(String fromNode, String name) {
        ContainerNode node = nodes.existing(fromNode, "naive copy");
        reserveBackup(name);
        discardingOnFailure(node, name, () -> copy(node, "naive copy '" + name + "'", LinkSafeCopy.WHOLE, name));
        return catalog.registerNaive(name, fromNode);
    }

    @Override
    public BackupInfo naiveCopy(String fromNode, String name, Runnable midway) {
        ContainerNode node = nodes.existing(fromNode, "naive copy");
        reserveBackup(name);
        discardingOnFailure(node, name, () -> {
            copy(node, "naive copy '" + name + "' (pg_wal)", LinkSafeCopy.WAL_ONLY, name);
            midway.run();
            copy(node, "naive copy '" + name + "' (all but pg_wal)", LinkSafeCopy.ALL_BUT_WAL, name);
        });
        return catalog.registerNaive(name, fromNode);
    }

    /** Runs a {@link LinkSafeCopy} script as postgres from the node's data directory into backup {@code name}. */
    private void copy(ContainerNode node, String what, String script, String name) {
        node.script(what, "postgres", script,
                List.of("pgdrill-copy", ProjectContainers.DATA, ProjectContainers.BACKUPS + "/" + name), Map.of(),
                COMMAND_TIMEOUT);
    }

    /** Runs {@code copying}; a failure removes the partial copy {@code name} and is passed on. */
    private void discardingOnFailure(ContainerNode node, String name, Runnable copying) {
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
    protected void unlink(ContainerNode node) {
        links.unlink(node.name());
    }

    @Override
    protected void copyBackupInto(ContainerNode node, BackupInfo backup, Map<String, String> recoverySettings) {
        containers.runHelperChecked("restoring backup '" + backup.name() + "' into node '" + node.name() + "'",
                node.dataVolume(), false, NodeScripts.HELPER,
                NodeScripts.env("AS_POSTGRES_SCRIPT", NodeScripts.RESTORE, "BACKUP", backup.name(),
                        "NAIVE", recoverySettings.isEmpty() ? "1" : "0",
                        "SETTINGS", RecoverySettings.lines(recoverySettings)),
                COMMAND_TIMEOUT);
        node.wiped(false);
    }

    /** In a helper of the node's image, so pg_combinebackup is the server's own version. */
    @Override
    protected void combineBackupsInto(ContainerNode node, List<BackupInfo> chain, Map<String, String> recoverySettings) {
        BackupInfo last = chain.get(chain.size() - 1);
        containers.runHelperChecked("restoring backup '" + last.name() + "' (pg_combinebackup of "
                        + String.join(" + ", chain.stream().map(BackupInfo::name).toList()) + ") into node '"
                        + node.name() + "'",
                node.dataVolume(), false, NodeScripts.HELPER,
                NodeScripts.env("AS_POSTGRES_SCRIPT", NodeScripts.RESTORE, "BACKUP", last.name(), "NAIVE", "0",
                        "CHAIN", String.join("\n", chain.stream().map(BackupInfo::name).toList()),
                        "SETTINGS", RecoverySettings.lines(recoverySettings)),
                COMMAND_TIMEOUT);
        node.wiped(false);
    }

    @Override
    protected void cloneAsStandby(ContainerNode node, ContainerNode upstream, String slot) {
        String replica = node.name();
        containers.runHelperChecked("base backup of node '" + upstream.name() + "' for standby '" + replica + "'",
                node.dataVolume(), true, NodeScripts.HELPER,
                NodeScripts.env("AS_POSTGRES_SCRIPT", NodeScripts.REBUILD_STANDBY,
                        "UPSTREAM", ProjectContainers.alias(upstream.name()), "SLOT", slot,
                        "PGUSER", ContainerNode.ADMIN, "PGPASSWORD", password(),
                        "SETTINGS", standbySettings(replica, upstream, slot)),
                COMMAND_TIMEOUT);
        links.link(replica, upstream.name());
        node.wiped(false);
    }

    /**
     * The auto.conf lines of standby {@code node} streaming from {@code upstream} through {@code slot}, with the
     * archive options the topology declares for it (a node it does not declare falls back on the archive).
     */
    protected final String standbySettings(String node, ContainerNode upstream, String slot) {
        return RecoverySettings.forStandby(upstream.name(), topology().node(node)
                .orElse(Topology.NodeDecl.standby(node, upstream.name())), slot, password(), provider().restoreCommand());
    }

    /** In a helper container on the stopped node's volume, on the replication network: pg_rewind, then the standby settings. */
    @Override
    protected List<String> rewindAsStandby(ContainerNode node, ContainerNode upstream, String slot) {
        ExecResult r = containers.runHelper("pg_rewind of node '" + node.name() + "' from '" + upstream.name() + "'",
                node.dataVolume(), true, NodeScripts.HELPER_KEEPING_DATA,
                NodeScripts.env("AS_POSTGRES_SCRIPT", NodeScripts.REWIND_STANDBY,
                        "UPSTREAM", ProjectContainers.alias(upstream.name()),
                        "PGUSER", ContainerNode.ADMIN, "PGPASSWORD", password(),
                        "SETTINGS", standbySettings(node.name(), upstream, slot)),
                COMMAND_TIMEOUT);
        List<String> lines = RewindOutput.lines(r.stdout(), r.stderr());
        if (!r.succeeded()) {
            throw new EnvironmentException("pg_rewind of node '" + node.name() + "' from '" + upstream.name()
                    + "' failed (exit " + r.exitCode() + "):\n" + String.join("\n", lines));
        }
        links.link(node.name(), upstream.name());
        node.wiped(false);
        return lines;
    }

    /** In a helper container on the stopped node's volume, the data kept: its standby settings and signal. */
    @Override
    protected void writeStandbySettings(ContainerNode node, ContainerNode upstream, String slot, String restoreCommand) {
        String upstreamName = upstream == null ? null : upstream.name();
        containers.runHelperChecked("configuring node '" + node.name() + "' as a standby"
                        + (upstream == null ? "" : " of '" + upstreamName + "'"),
                node.dataVolume(), false, NodeScripts.HELPER_KEEPING_DATA,
                NodeScripts.env("AS_POSTGRES_SCRIPT", NodeScripts.START_AS_STANDBY,
                        "DROP", RecoverySettings.replacedByStartingAsStandby(upstream != null, restoreCommand != null),
                        "SETTINGS", RecoverySettings.startingAsStandby(upstreamName, node.name(), slot, password(),
                                restoreCommand)),
                COMMAND_TIMEOUT);
        if (upstream != null) {
            links.link(node.name(), upstreamName);
        }
    }

    /** {@code du -sb} of the data directory in the node's running container. */
    @Override
    protected long dataDirBytes(ContainerNode node) {
        ExecResult r = node.execAs("postgres", List.of("du", "-sb", "/var/lib/postgresql/data"), Map.of(),
                Duration.ofSeconds(30));
        String first = r.stdout().strip().split("\\s+")[0];
        return r.succeeded() && first.matches("\\d+") ? Long.parseLong(first) : -1;
    }

    /** In the standby's own container: its auto.conf edited as postgres, then a reload (no restart, no new container). */
    @Override
    protected void repoint(ContainerNode node, ContainerNode upstream, String slot) {
        node.script("re-pointing node '" + node.name() + "' at node '" + upstream.name() + "'", "postgres",
                NodeScripts.REPOINT, List.of(), NodeScripts.env("SETTINGS", RecoverySettings.following(upstream.name(),
                        node.name(), slot, password())), COMMAND_TIMEOUT);
        links.link(node.name(), upstream.name());
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new EnvironmentException("could not reload the configuration of node '" + node.name() + "': "
                    + e.getMessage(), e);
        }
    }

    @Override
    protected List<String> archiveListing() {
        List<ContainerNode> all = nodes.list();
        ContainerNode any = all.stream().filter(n -> n.isRunning() && !n.isPaused()).findFirst()
                .orElse(all.stream().findFirst().orElse(null));
        if (any == null) {
            return List.of();
        }
        ExecResult r = any.execAs("postgres", List.of("bash", "-c", NodeScripts.LIST_ARCHIVE), Map.of(),
                Duration.ofSeconds(30));
        return r.stdout().lines().map(String::trim).filter(f -> !f.isEmpty()).toList();
    }
}
