package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.ToolTime;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.common.BackendTool;
import dev.pgdrill.environment.common.Directories;
import dev.pgdrill.environment.common.ToolClock;
import dev.pgdrill.environment.common.WorkRoots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates local environments. Binaries and the server OS user are resolved when the factory is
 * made, so a machine without PostgreSQL fails at once (exit code 3, naming what to install).
 */
public final class LocalEnvironmentFactory implements EnvironmentFactory {
    /** The run fact naming the work root. */
    static final String WORK_ROOT_FACT = "work-root";
    private final Path workRoot;
    /** {@link WorkRoots#describe} of the root, once: the facts are read at every report write. */
    private final String workRootFact;
    private final ServerUser user;
    private final PgBinaries bins;
    private final Path pgBin;
    private final Map<Integer, PgBinaries> byMajor = new ConcurrentHashMap<>();
    private final ClusterTemplates templates;
    /** The failover managers' versions (patroni, etcd) as the runs that used them reported them. */
    private final Map<String, String> managerVersions = new ConcurrentHashMap<>();

    public LocalEnvironmentFactory(EnvironmentOptions options) {
        this.pgBin = options.pgBin();
        this.bins = PgBinaries.discover(pgBin);
        this.user = ServerUser.forCurrentProcess(options.osUser());
        this.workRoot = options.workRoot() == null ? WorkRoots.automatic() : Directories.workRoot(options.workRoot());
        this.workRootFact = WorkRoots.describe(workRoot);
        this.templates = options.cacheDir() == null ? null : new ClusterTemplates(new TemplateCache(options.cacheDir()));
    }

    @Override
    public ToolTime toolTime() {
        return ToolClock.time();
    }

    /**
     * {@code template-cache}: whether the drills' primaries came from the cluster template cache (hit, miss,
     * off); {@code work-root}: where their work directories were, "(memory)" on a memory file system.
     */
    @Override
    public Map<String, String> facts() {
        Map<String, String> facts = new TreeMap<>(templates == null ? Map.of(ClusterTemplates.FACT, "off")
                : templates.facts());
        facts.put(WORK_ROOT_FACT, workRootFact);
        facts.putAll(managerVersions);
        return facts;
    }

    @Override
    public Environment create(String runName) {
        return create(runName, EnvironmentSpec.defaults());
    }

    @Override
    public Environment create(String runName, EnvironmentSpec spec) {
        return new LocalEnvironment(runName, workRoot, user, binaries(spec), spec, templates, managerVersions::putAll);
    }

    /**
     * The binaries of the drill's major version: those found when the factory was made when the drill
     * states no version (as before) or they are that version, else that version's own, found once
     * per major ({@link PgBinaries#discover(Path, Integer)}: a missing version names its package).
     */
    private PgBinaries binaries(EnvironmentSpec spec) {
        if (!spec.versionStated()) {
            return bins;
        }
        int major = spec.major();
        return byMajor.computeIfAbsent(major, m -> Integer.valueOf(m).equals(PgBinaries.majorOf(bins.binDir())) ? bins
                : PgBinaries.discover(pgBin, m));
    }

    /**
     * Every key: the version's binaries must be installed (else set-up fails naming the package). With a failover
     * manager, one primary whose standbys all follow it (Patroni's replicas stream from the leader).
     */
    @Override
    public String unsupported(EnvironmentSpec spec) {
        if (spec.managed()) {
            Topology t = spec.topology();
            String primary = t.firstPrimary().name();
            boolean flat = t.nodes().stream().allMatch(n -> n.name().equals(primary) || primary.equals(n.follows()));
            if (!flat) {
                return "failover-manager '" + spec.failoverManager() + "' takes one primary and standbys that follow it "
                        + "(found " + t + "): Patroni's replicas stream from the leader";
            }
        }
        return null;
    }

    /** When the drill's version has no server binaries here: the message that names the package. */
    @Override
    public String unavailable(EnvironmentSpec spec) {
        if (spec.managed()) {
            for (String program : List.of("patroni", "etcd")) {
                if (!onPath(program)) {
                    return "failover-manager '" + spec.failoverManager() + "' needs " + program + " on the PATH: install "
                            + "Debian's patroni and etcd-server (apt-get install -y patroni etcd-server)";
                }
            }
        }
        try {
            binaries(spec);
            return null;
        } catch (EnvironmentException e) {
            return e.getMessage();
        }
    }

    /**
     * Every tool the backends run: the local backend runs commands on this machine ({@link LocalToolHost}), so
     * pg_basebackup with a copied archive, and pgBackRest where its package is installed (else set-up fails
     * saying to install it).
     */
    @Override
    public boolean supports(BackupTool tool) {
        return BackendTool.offered(tool, probe -> true);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
