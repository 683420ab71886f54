package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupSource;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Leader;
import dev.pgdrill.engine.env.Leaders;
import dev.pgdrill.engine.env.SourceState;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.common.BackendEnvironment;
import dev.pgdrill.environment.common.BackendTool;
import dev.pgdrill.environment.common.FreePorts;
import dev.pgdrill.environment.common.Passwords;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The local backend of the {@link Environment} port: PostgreSQL servers as processes of this
 * machine, in a per-run work directory {@code <workRoot>/pgdrill-<run>-<random>} holding one data
 * directory per node plus {@code archive/}, {@code backups/}, {@code logs/<node>.log} and
 * {@code sock/} (the private unix socket directory).
 *
 * <pre>{@code
 * try (Environment env = Environments.factory("local", EnvironmentOptions.defaults()).create("pitr")) {
 *     env.setUp(Duration.ofSeconds(60));          // primary + streaming replica, seeded
 *     Node primary = env.node("primary").orElseThrow();
 *     try (Connection c = primary.connect()) { ... }
 * }                                               // close(): servers stopped, work dir removed
 * }</pre>
 *
 * <p>Nodes after {@link #setUp}: the drill's topology ({@link Topology#DEFAULT}: {@code primary} and
 * {@code replica}), set up by the shared skeleton. A primary has the drill's database, {@code statelessCommerce}
 * by default, with its seed, and its settings in {@code postgresql.conf}; user
 * {@code admin} with a generated SCRAM password, WAL archived into {@code archive/} by a command
 * that never overwrites a different file, one slot {@code <standby>_slot} per standby. A standby
 * streams from its upstream through a {@link TcpProxy} with {@code application_name=<standby>}. When a
 * primary comes from the cluster template cache, the data directories of its standbys are more copies of
 * the same template (no base backup; the {@code replica-source} fact says which), else pg_basebackups of
 * their upstream.
 *
 * <p>Semantics worth knowing:
 * <ul>
 *   <li>partition / heal / latency act on replication links only (a standby's connection to its
 *       upstream), never on the runner's own SQL connections; partitioning either end cuts the
 *       link (see {@link ReplicationLinks}). A cut link black-holes reconnection attempts, so the
 *       standby neither streams nor falls back to the archive until healed or promoted.</li>
 *   <li>{@link #restore}: the named backup, or the latest base backup (never a naive copy) when
 *       the name is null; archive recovery with {@code recovery_target_timeline=latest} and
 *       action {@code promote} by default. A time target in ISO form is rewritten to
 *       microseconds, which PostgreSQL requires. A naive copy is started as it is (only its port
 *       changes). A new node name creates a node on its own port with its own log.</li>
 *   <li>{@link #rebuildReplica}: slot {@code <replica>_slot} on the upstream, base backup through
 *       a new link; fails fast while that link is partitioned.</li>
 *   <li>{@link #rejoin}: the same binaries' pg_rewind as the server user (clusters are made with
 *       {@code --data-checksums}, which pg_rewind needs), reaching the upstream directly.</li>
 *   <li>{@link #archivedWalFiles()} lists every archived file (segments, {@code .history},
 *       {@code .backup}, {@code .partial}) except in-flight {@code .tmp} copies.</li>
 * </ul>
 */
public final class LocalEnvironment extends BackendEnvironment<LocalNode> {
    private final RunContext run;
    private final ReplicationLinks links = new ReplicationLinks();
    private final Provisioner provisioner;
    private final BackupStore backups;
    private final Cleanup cleanup;
    private final Topology topology;
    /** Standbys whose data directories were copied from the template with their primary, not yet attached. */
    private final Set<String> copied = ConcurrentHashMap.newKeySet();
    private String baseBackupVersion;
    /** The run's Patroni and etcd with {@code failover-manager: patroni}, else null. */
    private final PatroniCluster patroni;
    private final Consumer<Map<String, String>> managerFacts;
    /** The drill's source, when it names one: then no node is set up, restores create them. */
    private final SourceProvider source;
    private final String sourceUser;

    LocalEnvironment(String runName, Path workRoot, ServerUser user, PgBinaries bins, EnvironmentSpec spec,
                     ClusterTemplates templates) {
        this(runName, workRoot, user, bins, spec, templates, facts -> { });
    }

    LocalEnvironment(String runName, Path workRoot, ServerUser user, PgBinaries bins, EnvironmentSpec spec,
                     ClusterTemplates templates, Consumer<Map<String, String>> managerFacts) {
        this.run = new RunContext(WorkDir.choose(workRoot, runName), user.forRun(), bins, Passwords.generate(),
                new AtomicBoolean(), new ReentrantReadWriteLock(), spec.database());
        this.source = !spec.hasSource() ? null : spec.source().kind() == BackupSource.Kind.BASEBACKUP
                ? new BaseBackupSource(run, spec.source(), spec.settings())
                : new PgBackRestSource(run, spec.source(), spec.settings());
        this.sourceUser = spec.hasSource() ? spec.source().user() : null;
        useProvider(source != null ? source : BackendTool.of(spec.backupTool()).provider(this, new LocalToolHost(run)));
        this.provisioner = new Provisioner(run, links, provider().archiveCommand(), provider().restoreCommand(), spec,
                templates);
        this.backups = new BackupStore(run, catalog);
        this.patroni = spec.managed() ? new PatroniCluster(run, spec.patroni()) : null;
        this.managerFacts = managerFacts;
        this.cleanup = new Cleanup(run, nodes::list, links, patroni == null ? List::of : patroni::killAll);
        this.topology = spec.topology();
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public void setUp(Duration deadline) {
        Poller d = Poller.within(deadline);
        run.checkOpen("set-up");
        if (!nodeNames().isEmpty()) {
            throw new EnvironmentException("set-up of " + run.workDir() + ": already set up");
        }
        cleanup.arm();
        cleanup.registerWithReaper();
        try {
            cleanup.adopt(RunCgroup.create(run.workDir().getFileName().toString()));
            WorkDir.create(run.workDir(), run.user());
            WorkDir.writePrivate(run.passfile(), "*:*:*:" + RunContext.ADMIN + ":" + run.password() + "\n", run.user());
            if (source != null) {
                source.open(d.remainingAtLeast(Duration.ofSeconds(5)));
                backups();
            } else {
                setUpTopology(d);
            }
            if (patroni != null) {
                String first = topology.firstPrimary().name();
                List<LocalNode> standbys = topology.setUpOrder().stream().filter(n -> !n.isPrimary())
                        .map(n -> nodes.existing(n.name(), "set-up")).toList();
                patroni.takeOver(nodes.existing(first, "set-up"), standbys, d);
                managerFacts.accept(patroni.versions());
            }
        } catch (RuntimeException e) {
            cleanup.stopServers();
            throw e instanceof EnvironmentException ee ? new EnvironmentException("setting up the local environment in "
                    + run.workDir() + " failed: " + ee.getMessage(), ee) : e;
        }
    }

    /** With a template, the standbys that will follow this primary are copies made while it starts. */
    @Override
    protected LocalNode startPrimary(String name, Poller deadline) {
        LocalNode primary = existingOrNew(name);
        List<LocalNode> followers = topology.followersOf(name).stream().map(f -> existingOrNew(f.name())).toList();
        provisioner.initPrimary(primary, followers, deadline).forEach(s -> copied.add(s.name()));
        return primary;
    }

    /**
     * A template copy made with its primary is only attached; any other standby is a base backup of its
     * upstream. A copy starts without the run's password, which it gets by replaying the upstream's WAL: it
     * is ready once it has replayed everything written so far.
     */
    @Override
    protected LocalNode startStandby(String name, LocalNode upstream, String slot, Poller deadline) {
        LocalNode node = existingOrNew(name);
        boolean fromTemplate = copied.remove(name);
        if (fromTemplate) {
            provisioner.attachStandbyCopy(node, upstream, slot);
        } else {
            provisioner.cloneStandby(node, upstream, slot, deadline.remainingAtLeast(Duration.ofSeconds(5)));
        }
        provisioner.startAndWait(node, deadline);
        if (fromTemplate) {
            provisioner.awaitReplay(node, upstream, deadline);
        }
        return node;
    }

    @Override
    protected Topology topology() {
        return topology;
    }

    @Override
    protected LocalNode newNode(String name) {
        LocalNode node = new LocalNode(name, run, FreePorts.reserve());
        if (sourceUser != null) {
            node.sandbox(sourceUser);
        }
        return node;
    }

    @Override
    public Optional<SourceState> source() {
        return source == null ? Optional.empty() : Optional.of(source.state());
    }

    /** The run's Patroni cluster, when the drill has one (for tests of this package). */
    Optional<PatroniCluster> patroni() {
        return Optional.ofNullable(patroni);
    }

    /** With Patroni, its {@code /cluster}; else the one running node out of recovery. */
    @Override
    public Optional<Leader> leader() {
        return patroni != null ? patroni.leader() : Leaders.bySql(nodeNames(), this::node);
    }

    /** Patroni's {@code /cluster} members; empty without a manager. */
    @Override
    public List<String> managerSnapshot() {
        return patroni == null ? List.of() : patroni.members();
    }

    /** Through Patroni's REST API; refused without a manager. */
    @Override
    public void switchover(String candidate) {
        nodes.existing(candidate, "switchover");
        if (patroni == null) {
            throw new EnvironmentException("switchover to '" + candidate + "': this drill has no failover manager "
                    + "(environment: { failover-manager: patroni })");
        }
        patroni.switchover(candidate);
    }

        private void refuseLinkFaultUnderManager(String fault, String node) {
        if (patroni != null) {
            throw new EnvironmentException(fault + " of node '" + node + "': with failover-manager patroni the standbys "
                    + "stream from the leader directly, not through the run's proxy, so the local backend cannot cut or "
                    + "slow their links yet (use kill, stop or pause)");
        }
    }

    @Override
    public void partition(String node) {
        nodes.existing(node, "partition");
        refuseLinkFaultUnderManager("partition", node);
        links.partition(node, true);
    }

    @Override
    public void heal(String node) {
        nodes.existing(node, "heal");
        links.partition(node, false);
    }

    @Override
    public void latency(String node, Duration delay) {
        nodes.existing(node, "latency");
        refuseLinkFaultUnderManager("latency", node);
        links.latency(node, delay);
    }

    @Override
    protected BackupInfo baseBackup(LocalNode node, String name) {
        return backups.baseBackup(node, name, null, COMMAND_TIMEOUT);
    }

    @Override
    protected BackupInfo incrementalBackup(LocalNode node, String name, BackupInfo parent) {
        return backups.baseBackup(node, name, parent, COMMAND_TIMEOUT);
    }

    @Override
    protected void combineBackupsInto(LocalNode node, List<BackupInfo> chain, Map<String, String> recoverySettings) {
        run.user().delete(node.dataDir());
        backups.combine(chain, node.dataDir(), COMMAND_TIMEOUT);
        provisioner.configureRecovery(node, recoverySettings);
    }

    @Override
    protected String copyArchiveCommand() {
        return ConfFiles.archiveCommand(run.workDir());
    }

    @Override
    protected synchronized String baseBackupVersion() {
        if (baseBackupVersion == null) {
            ExecResult r = run.pgUnchecked("pg_basebackup", List.of("--version"), Map.of(), Duration.ofSeconds(30));
            baseBackupVersion = r.succeeded() ? r.stdout().strip().replaceFirst("^pg_basebackup \\(PostgreSQL\\) ", "") : "";
        }
        return baseBackupVersion.isEmpty() ? null : baseBackupVersion;
    }

    @Override
    protected List<String> verifyBaseBackups(List<BackupInfo> list) {
        return backups.verify(list, COMMAND_TIMEOUT);
    }

    @Override
    public BackupInfo naiveCopy(String fromNode, String name) {
        return backups.naiveCopy(nodes.existing(fromNode, "naive copy"), name);
    }

    @Override
    public BackupInfo naiveCopy(String fromNode, String name, Runnable midway) {
        return backups.naiveCopy(nodes.existing(fromNode, "naive copy"), name, midway);
    }

    @Override
    protected String restoreCommand() {
        return ConfFiles.restoreCommand(run.workDir());
    }

    @Override
    protected void unlink(LocalNode node) {
        links.disconnect(node.name());
    }

    @Override
    protected void copyBackupInto(LocalNode node, BackupInfo backup, Map<String, String> recoverySettings) {
        run.user().delete(node.dataDir());
        run.user().runChecked("copying backup '" + backup.name() + "' into node '" + node.name() + "'",
                List.of("cp", "-a", backups.dir(backup.name()).toString(), node.dataDir().toString()), Map.of(),
                run.workDir(), COMMAND_TIMEOUT);
        provisioner.configureRecovery(node, recoverySettings);
    }

    @Override
    protected void checkLink(String verb, String replica, String upstream) {
        if (links.isPartitioned(replica) || links.isPartitioned(upstream)) {
            throw new EnvironmentException(verb + " '" + replica + "' from '" + upstream + "': the replication "
                    + "link is partitioned (heal " + (links.isPartitioned(replica) ? replica : upstream) + " first)");
        }
    }

    @Override
    protected void repoint(LocalNode node, LocalNode upstream, String slot) {
        provisioner.repoint(node, upstream, slot);
    }

    @Override
    protected void writeStandbySettings(LocalNode node, LocalNode upstream, String slot, String restoreCommand) {
        if (!Files.exists(node.dataDir().resolve("PG_VERSION"))) {
            throw new EnvironmentException("start '" + node.name() + "' as a standby: it has no data directory "
                    + "(wiped?): restore it or rebuild it first");
        }
        provisioner.configureStandby(node, upstream, slot, restoreCommand);
    }

    @Override
    protected List<String> rewindAsStandby(LocalNode node, LocalNode upstream, String slot) {
        return provisioner.rewindAsStandby(node, upstream, slot, COMMAND_TIMEOUT);
    }

    @Override
    protected long dataDirBytes(LocalNode node) {
        long[] bytes = {0};
        try {
            // attributes only, links not followed; a file the running server removes meanwhile is skipped
            Files.walkFileTree(node.dataDir(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        bytes[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
            return bytes[0];
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    protected void cloneAsStandby(LocalNode node, LocalNode upstream, String slot) {
        run.user().delete(node.dataDir());
        provisioner.cloneStandby(node, upstream, slot, COMMAND_TIMEOUT);
    }

    @Override
    protected List<String> archiveListing() {
        try (Stream<Path> files = Files.list(run.archive())) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public List<String> secrets() {
        return List.of(run.password());
    }

    @Override
    public String location() {
        return run.workDir().toString();
    }

    @Override
    public void keep(boolean keep) {
        cleanup.keep(keep);
    }

    @Override
    public void close() {
        cleanup.run();
    }
}
