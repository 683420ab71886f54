package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RejoinMethod;
import dev.pgdrill.engine.env.Rejoined;
import dev.pgdrill.engine.env.RestoreRequest;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.wait.Poller;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The skeleton every backend shares: the node table, and the set-up, restore and rebuild-replica
 * sequences, written once. A backend supplies only the primitives (start a node as a primary or as a
 * standby, create a node, cut its replication link, copy a backup in, clone a standby), so a new backend
 * (Kubernetes) gets the same checks and the same order of operations:
 *
 * <ul>
 *   <li>set-up ({@link #setUpTopology}): the drill's declared {@link #topology()} in its set-up order: each
 *       primary started ({@link #startPrimary}; the backup tool prepared on the first), each standby after
 *       its upstream (slot prepared on the upstream, then {@link #startStandby}); then a wait, against the
 *       set-up deadline, until every standby streams from its upstream;</li>
 *   <li>backup: with the run's {@link BackupProvider} (pg_basebackup unless the backend chose another),
 *       refusing a type the tool does not take; pg_basebackup's incremental backups build on the
 *       latest earlier backup of the run ({@link #incrementalBackup});</li>
 *   <li>restore: resolve the backup, create or reuse the node, stop it, unlink it, let the provider
 *       replace its data with the backup prepared for archive recovery (a naive copy is copied in and
 *       starts as it is), start it; as a standby: check the upstream as rebuild-replica does, prepare the slot
 *       there, let the provider restore it as a standby, point it at the upstream, start it;</li>
 *   <li>start as standby ({@link #prepareStandby}): the stopped node's data kept, configured as a standby
 *       (of an upstream, its slot prepared there, or of the archive only); the step starts it;</li>
 *   <li>rebuild-replica: refuse a replica of itself and an upstream that is stopped, paused or cut
 *       off, prepare the slot on the upstream, create or reuse the node, stop it, clone it as a
 *       standby of the upstream, start it;</li>
 *   <li>rejoin: refuse as rebuild-replica does; rewind: stop the node, prepare the slot on the upstream,
 *       checkpoint the upstream (so its control file names its new timeline, which pg_rewind reads), let the
 *       backend run pg_rewind and configure the standby ({@link #rewindAsStandby}), start it; rebuild:
 *       rebuild-replica; auto: rewind, and rebuild when that fails.</li>
 * </ul>
 */
public abstract class BackendEnvironment<N extends BackendNode> implements Environment {
    /** How long each stop attempt of a node about to be replaced may take. */
    protected static final Duration STOP_PER_ATTEMPT = Duration.ofSeconds(10);
    /** How long one backend command (a backup, a copy, a restore, a standby's base backup) may take. */
    protected static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    protected final NodeTable<N> nodes = new NodeTable<>();
    protected final BackupCatalog catalog = new BackupCatalog();
    private BackupProvider<N> provider;

    /**
     * Starts node {@code name} (a checked name) as a primary: created with its own
     * port, the drill's database, seed and server settings, archiving with the run's backup tool, started;
     * returns once it accepts SQL. A backend may prepare the standbys that will follow it at the same time,
     * when that is faster than a base backup (the local backend's template copies).
     */
    protected abstract N startPrimary(String name, Poller deadline);

    /**
     * Starts node {@code name} (a checked name) as a streaming standby of {@code upstream}, which
     * accepts SQL and holds the physical slot {@code slot} already: created, its data a copy of the upstream's
     * (a base backup through the slot, or what the backend made ready with the upstream), configured to stream
     * from it with {@code application_name} {@code name} and to fall back to the archive, linked (so partition
     * and latency act on the link), started. Returns once started; the skeleton waits for it to stream.
     */
    protected abstract N startStandby(String name, N upstream, String slot, Poller deadline);

    /** The poller the set-up waits with; containers override it to ask less often. */
    protected Poller setUpPolling(Poller deadline) {
        return deadline;
    }

    /** A new node named {@code name} (already checked), with its own port; its server is not started. */
    protected abstract N newNode(String name);

    /** The {@code restore_command} that reads the run's copied WAL archive as seen from a node (pg_basebackup's provider). */
    protected abstract String restoreCommand();

    /** The {@code archive_command} that copies WAL into the run's archive, or null when the backend sets it up itself. */
    protected String copyArchiveCommand() {
        return null;
    }

    /** A pg_basebackup of {@code node} (fast checkpoint) under {@code name}, registered in {@link #catalog}. */
    protected abstract BackupInfo baseBackup(N node, String name);

    /**
     * An incremental pg_basebackup of {@code node} under {@code name} against the manifest of
     * {@code parent} ({@code --incremental}; PostgreSQL 17+ with {@code summarize_wal = on}), registered
     * in {@link #catalog} with {@code parent} as the backup it builds on.
     */
    protected BackupInfo incrementalBackup(N node, String name, BackupInfo parent) {
        throw new EnvironmentException("incremental pg_basebackup backups are not supported by " + kind());
    }

    /**
     * Replaces {@code node}'s data with {@code pg_combinebackup} of {@code chain} (a full backup, then the
     * incremental ones built on it, oldest first; the server's own version of the tool) and writes
     * {@code recoverySettings} into it with a recovery signal. The server is stopped.
     */
    protected void combineBackupsInto(N node, List<BackupInfo> chain, Map<String, String> recoverySettings) {
        throw new EnvironmentException("restoring incremental pg_basebackup backups is not supported by " + kind());
    }

    /** pg_basebackup's version ({@code 15.18}), or null when not known. */
    protected String baseBackupVersion() {
        return null;
    }

    /** Checks each of {@code backups} with {@code pg_verifybackup}; one line per backup; throws on a problem. */
    protected List<String> verifyBaseBackups(List<BackupInfo> backups) {
        throw new EnvironmentException("checking pg_basebackup backups is not supported by " + kind());
    }

    /** The nodes this environment sets up (the drill's {@link EnvironmentSpec#topology()}). */
    protected abstract Topology topology();

    /** Removes {@code node}'s replication link, if it has one (a restored node has no upstream). */
    protected abstract void unlink(N node);

    /**
     * Replaces {@code node}'s data with a copy of {@code backup} (as the server user, links as
     * links) and writes {@code recoverySettings} into it with a recovery signal; an empty map means
     * a naive copy, which only gets the node's own port. The server is stopped.
     */
    protected abstract void copyBackupInto(N node, BackupInfo backup, Map<String, String> recoverySettings);

    /**
     * Replaces {@code node}'s data with a base backup of {@code upstream} taken through slot
     * {@code slot} (prepared already), configured to stream from it; links them. The server is stopped.
     */
    protected abstract void cloneAsStandby(N node, N upstream, String slot);

    /** The file names in the run's WAL archive, in any order; in-flight {@code .tmp} copies included. */
    protected abstract List<String> archiveListing();

    /**
     * Refuses step {@code verb} (rebuild-replica, rejoin, follow) of {@code replica} when its replication link is cut
     * (a base backup or a connection through it would hang); default: no check.
     */
    protected void checkLink(String verb, String replica, String upstream) {
    }

    /**
     * Sets up the {@link #topology()} with this backend's primitives, in {@link Topology#setUpOrder()}: every primary
     * ({@link #startPrimary}; the backup tool is initialized on the first), every standby once its upstream
     * runs ({@link Replication#prepareSlot} on the upstream, then {@link #startStandby}); then each node's own
     * settings ({@link NodeSettings#apply}: after every node is built, so no commit of the set-up waits for a
     * synchronous standby), then waits until each standby streams from its upstream. All against {@code deadline}; a standby that does not stream in time
     * fails with its last log lines.
     */
    protected final void setUpTopology(Poller deadline) {
        Topology topology = topology();
        List<Topology.NodeDecl> order = topology.setUpOrder();
        for (Topology.NodeDecl decl : order) {
            NodeTable.checkName(decl.name());
            if (decl.isPrimary()) {
                N primary = startPrimary(decl.name(), deadline);
                nodes.add(primary);
                if (decl.equals(topology.firstPrimary())) {
                    provider().initialize(primary, deadline.remainingAtLeast(Duration.ofSeconds(5)));
                }
            } else {
                N upstream = nodes.existing(decl.follows(), "set-up of standby '" + decl.name() + "'");
                String slot = Replication.slotFor(decl.name());
                Replication.prepareSlot(upstream, slot, decl.name());
                nodes.add(startStandby(decl.name(), upstream, slot, deadline));
            }
        }
        for (Topology.NodeDecl decl : order) {
            if (!decl.settings().isEmpty()) {
                NodeSettings.apply(nodes.existing(decl.name(), "set-up"), decl.settings(), deadline);
            }
        }
        Poller polling = setUpPolling(deadline);
        for (Topology.NodeDecl decl : order) {
            if (!decl.isPrimary()) {
                N upstream = nodes.existing(decl.follows(), "set-up");
                Poller.Outcome<Boolean> streams = polling.poll("node '" + decl.name() + "' to stream from node '"
                        + decl.follows() + "'", () -> Replication.streaming(upstream, decl.name()));
                if (!streams.reached()) {
                    throw new EnvironmentException(streams.message() + "; last log lines of node '" + decl.name()
                            + "':\n" + String.join("\n", nodes.existing(decl.name(), "set-up").logTail(20)));
                }
            }
        }
    }

    @Override
    public final Optional<Node> node(String name) {
        return nodes.get(name).map(Node.class::cast);
    }

    @Override
    public final List<String> nodeNames() {
        return nodes.names();
    }

    /**
     * Archives, backs up and restores with {@code chosen} (the drill's tool, its provider made by its
     * {@link BackendTool} for this environment); every backend chooses one before set-up.
     */
    protected final synchronized void useProvider(BackupProvider<N> chosen) {
        this.provider = chosen;
    }

    /** The run's backup tool, as chosen with {@link #useProvider}. */
    protected final synchronized BackupProvider<N> provider() {
        if (provider == null) {
            throw new IllegalStateException(kind() + " chose no backup tool before set-up");
        }
        return provider;
    }

    @Override
    public final BackupInfo backup(String fromNode, String name, BackupType type) {
        N node = nodes.existing(fromNode, "backup");
        BackupProvider<N> tool = provider();
        if (!tool.tool().takes(type)) {
            throw new EnvironmentException("backup '" + name + "': " + tool.describe() + " takes no " + type
                    + " backups; choose another backup tool or type: full");
        }
        return tool.backup(node, name, type, catalog, COMMAND_TIMEOUT);
    }

    @Override
    public final String backupTool() {
        return provider().describe();
    }

    @Override
    public final List<String> checkBackups() {
        N primary = nodes.get(topology().firstPrimary().name()).filter(BackendNode::isRunning).orElse(null);
        return provider().check(primary, catalog, COMMAND_TIMEOUT);
    }

    @Override
    public final List<String> expireBackups(int retainFull) {
        return provider().expire(retainFull, catalog, COMMAND_TIMEOUT);
    }

    @Override
    public final List<String> restoreToolLog() {
        return provider().restoreLog();
    }

    @Override
    public final List<BackupInfo> backups() {
        provider().refresh(catalog);
        return catalog.list();
    }

    @Override
    public final List<String> archivedWalFiles() {
        return provider().archiveListing().stream().filter(f -> !f.endsWith(".tmp")).sorted().toList();
    }

    /** The node named {@code name}, created (name checked) when missing. */
    protected final N existingOrNew(String name) {
        return nodes.getOrAdd(name, () -> {
            NodeTable.checkName(name);
            return newNode(name);
        });
    }

    @Override
    public final Node restore(RestoreRequest request) {
        BackupInfo backup = catalog.resolve(request.backup());
        if (request.standby()) {
            return restoreAsStandby(request, backup);
        }
        N node = existingOrNew(request.node());
        node.shutDown(StopMode.FAST, STOP_PER_ATTEMPT);
        unlink(node);
        if (backup.naive()) {
            copyBackupInto(node, backup, Map.of());
        } else {
            provider().restoreInto(node, backup, request.target(), request.action(), COMMAND_TIMEOUT);
        }
        node.start();
        return node;
    }

    /**
     * Restore as a standby: the upstream checked as rebuild-replica checks it, its slot prepared, the node stopped and
     * unlinked, the provider's standby restore ({@link BackupProvider#restoreAsStandby}), then the upstream's
     * connection settings and link ({@link #writeStandbySettings}, the provider's {@code restore_command} kept), started.
     */
    private Node restoreAsStandby(RestoreRequest request, BackupInfo backup) {
        if (backup.naive()) {
            throw new EnvironmentException("restore '" + request.node() + "' as a standby: backup '" + backup.name()
                    + "' is a naive copy, which starts as it is; restore a base backup");
        }
        N up = upstreamOf("restore", request.node(), request.upstream(), "stream from itself");
        String slot = Replication.slotFor(request.node());
        Replication.prepareSlot(up, slot, request.node());
        N node = existingOrNew(request.node());
        node.shutDown(StopMode.FAST, STOP_PER_ATTEMPT);
        unlink(node);
        provider().restoreAsStandby(node, backup, COMMAND_TIMEOUT);
        writeStandbySettings(node, up, slot, null);
        node.start();
        return node;
    }

    @Override
    public final void prepareStandby(String standby, String upstream) {
        N node = nodes.existing(standby, "start as standby");
        if (node.isRunning()) {
            throw new EnvironmentException("start '" + standby + "' as a standby: the server is running (stop it "
                    + "first; a running standby moves to another upstream with follow)");
        }
        N up = null;
        String slot = null;
        if (upstream != null) {
            up = upstreamOf("start", standby, upstream, "stream from itself");
            slot = Replication.slotFor(standby);
            Replication.prepareSlot(up, slot, standby);
        }
        boolean archive = topology().node(standby).map(Topology.NodeDecl::archive).orElse(true);
        writeStandbySettings(node, up, slot, archive ? provider().restoreCommand() : "");
    }

    /**
     * Makes the stopped {@code node} start as a standby, keeping its data: {@code standby.signal} (its
     * {@code recovery.signal} and {@code recovery_target*} settings removed), {@code recovery_target_timeline =
     * latest}, {@code restore_command} set to {@code restoreCommand} (empty: none; null: left as it is). With
     * {@code upstream} (null: its upstream settings left as they are): {@code primary_conninfo}
     * ({@code application_name} the node's name) and {@code primary_slot_name} {@code slot} pointing at it, the
     * replication link moved to it. Does not start it.
     */
    protected void writeStandbySettings(N node, N upstream, String slot, String restoreCommand) {
        throw new EnvironmentException("start as standby: the " + kind() + " environment cannot configure a standby");
    }

    /**
     * Re-points the running standby {@code node} to stream from {@code upstream} through slot {@code slot}
     * (prepared there already), keeping its data and its archive settings: a new {@code primary_conninfo}
     * ({@code application_name} the node's name), {@code primary_slot_name} and {@code recovery_target_timeline
     * = latest}, its replication link moved to the upstream, the configuration reloaded (PostgreSQL 13+ then
     * restarts the walreceiver with the new settings). Returns once applied; the caller waits until it streams.
     */
    protected void repoint(N node, N upstream, String slot) {
        throw new EnvironmentException("follow: the " + kind() + " environment cannot re-point a standby");
    }

    @Override
    public final Node follow(String standby, String upstream) {
        if (standby.equals(upstream)) {
            throw new EnvironmentException("follow: node '" + standby + "' cannot stream from itself");
        }
        N node = nodes.existing(standby, "follow");
        N up = nodes.existing(upstream, "follow");
        for (N n : List.of(node, up)) {
            if (!n.isRunning() || n.isPaused()) {
                throw new EnvironmentException("follow: node '" + n.name() + "' is " + (n.isRunning()
                        ? "paused (resume it first)" : "not running (start it first)"));
            }
        }
        checkLink("follow", standby, upstream);
        String slot = Replication.slotFor(standby);
        Replication.prepareSlot(up, slot, standby);
        repoint(node, up, slot);
        return node;
    }

    /**
     * The running, not paused {@code upstream} that {@code node} is to stream from for step {@code verb}, after the
     * checks rebuild-replica and rejoin share: not itself ({@code itself} says what it cannot do), the upstream
     * running, the link between them not cut.
     */
    private N upstreamOf(String verb, String node, String upstream, String itself) {
        if (node.equals(upstream)) {
            throw new EnvironmentException(verb + ": node '" + node + "' cannot " + itself);
        }
        N up = nodes.existing(upstream, verb);
        if (!up.isRunning() || up.isPaused()) {
            throw new EnvironmentException(verb + " '" + node + "': upstream node '" + upstream + "' is "
                    + (up.isRunning() ? "paused (resume it first)" : "not running"));
        }
        checkLink(verb, node, upstream);
        return up;
    }

    @Override
    public final Node rebuildReplica(String replica, String upstream) {
        N up = upstreamOf("rebuild-replica", replica, upstream, "replicate from itself");
        String slot = Replication.slotFor(replica);
        Replication.prepareSlot(up, slot, replica);
        N node = existingOrNew(replica);
        node.shutDown(StopMode.FAST, STOP_PER_ATTEMPT);
        cloneAsStandby(node, up, slot);
        node.start();
        return node;
    }

    /**
     * Runs pg_rewind on the stopped, unlinked {@code node} against the running {@code upstream} (checkpointed
     * already) as the server user and configures it as a standby of the upstream through slot {@code slot}
     * (prepared there), linked; does not start it. Returns pg_rewind's output lines.
     *
     * @throws EnvironmentException when pg_rewind fails (its lines in the message) or the backend cannot run it
     */
    protected List<String> rewindAsStandby(N node, N upstream, String slot) {
        throw new EnvironmentException("rejoin by rewind: the " + kind() + " environment cannot run pg_rewind");
    }

    /** The size in bytes of {@code node}'s data directory, or -1 when the backend cannot tell. */
    protected long dataDirBytes(N node) {
        return -1;
    }

    @Override
    public final Rejoined rejoin(String node, String upstream, RejoinMethod method) {
        N up = upstreamOf("rejoin", node, upstream, "stream from itself");
        N old = nodes.existing(node, "rejoin");
        if (method == RejoinMethod.REBUILD) {
            return rebuilt(old, up, null);
        }
        try {
            List<String> lines = rewind(old, up);
            return new Rejoined(RejoinMethod.REWIND, RewindOutput.bytes(lines), RewindOutput.evidence(lines), null);
        } catch (EnvironmentException e) {
            if (method == RejoinMethod.REWIND) {
                throw e;
            }
            return rebuilt(old, up, e.getMessage());
        }
    }

    private List<String> rewind(N node, N up) {
        node.shutDown(StopMode.FAST, STOP_PER_ATTEMPT);
        unlink(node);
        String slot = Replication.slotFor(node.name());
        Replication.prepareSlot(up, slot, node.name());
        Replication.checkpoint(up);
        List<String> lines = rewindAsStandby(node, up, slot);
        node.start();
        return lines;
    }

    private Rejoined rebuilt(N node, N up, String fallback) {
        rebuildReplica(node.name(), up.name());
        return new Rejoined(RejoinMethod.REBUILD, dataDirBytes(node), List.of(), fallback);
    }
}
