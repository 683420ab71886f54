package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.common.NoFollow;
import dev.pgdrill.environment.common.Passwords;
import dev.pgdrill.environment.common.Replication;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Primaries from the {@link TemplateCache}: initdb and the seed run once per {@link TemplateKey};
 * every other drill with that key copies the cached data directory and adds only its own parts
 * (configuration with its paths and port, the admin password, set at start). The set-up's replica is a
 * second copy of the same template, made at the same time, instead of a base backup. Shared by the
 * environments of one factory; counts what each set-up got (hit, miss, off; the replica's source) for
 * the run's report.
 */
final class ClusterTemplates {
    /** The run fact naming what the set-ups got from the cache. */
    static final String FACT = "template-cache";
    /** The run fact naming where the set-ups' replicas came from: {@code template} or {@code base backup}. */
    static final String REPLICA_FACT = "replica-source";

    private final TemplateCache cache;
    private final String refusal;
    private final Map<Path, String> versions = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();
    private final AtomicInteger off = new AtomicInteger();
    private final AtomicInteger standbysFromTemplate = new AtomicInteger();
    private final AtomicInteger standbysFromBackup = new AtomicInteger();

    ClusterTemplates(TemplateCache cache) {
        this.cache = cache;
        this.refusal = cache.refusal();
        if (refusal != null) {
            System.err.println("pgdrill: warning: the cluster template cache " + cache.dir() + " is not used: "
                    + refusal + "; every drill runs initdb and its seed (create it as this user with mode 0700, "
                    + "or choose another with --cache-dir)");
        }
    }

    /**
     * Makes {@code node}'s data directory from the template of its key (building and storing it first
     * when missing), configures and starts it with this run's password. {@link Provided#NONE}, with
     * nothing done, when the cache is unusable: the caller then runs initdb and the seed itself.
     *
     * <p>When {@code standby} is not null, also makes its data directory from the same template (the cached
     * entry on a hit, the just built cluster on a miss), copied at the same time as the primary's and
     * prepared by {@link Provisioner#prepareStandbyCopy}, and creates its slot ({@link Replication#slotFor})
     * on the primary with the password: {@link Provided#PRIMARY_AND_STANDBY}. Neither started nor attached.
     */
    Provided provide(Provisioner p, LocalNode node, LocalNode standby, Poller deadline) {
        if (refusal != null) {
            off.incrementAndGet();
            counted(standby, false);
            return Provided.NONE;
        }
        RunContext run = p.run();
        TemplateKey key = TemplateKey.of(version(run), Provisioner.INITDB_OPTIONS, p.spec().database(),
                p.spec().backupTool().key(), p.spec().settings(), p.seedForKey());
        Optional<Path> entry = cache.lookup(key);
        if (entry.isEmpty()) {
            try (TemplateCache.Held ignored = cache.lock(key, deadline.remainingAtLeast(Duration.ofSeconds(1)))) {
                entry = cache.lookup(key);
                if (entry.isEmpty()) {
                    boolean withStandby = build(p, node, key, standby, deadline);
                    misses.incrementAndGet();
                    start(p, node, withStandby ? standby : null, deadline);
                    return counted(standby, withStandby);
                }
            }
        }
        BackgroundTask standbyCopy = standby == null ? null : copyForStandby(p, TemplateCache.dataDir(entry.get()),
                standby);
        try {
            cache.checkout(entry.get(), node.dataDir(), run.user(), run.workDir().getParent());
            hits.incrementAndGet();
            start(p, node, standby, deadline);
            if (standbyCopy != null) {
                standbyCopy.await(deadline);
            }
        } finally {
            if (standbyCopy != null) {
                standbyCopy.close();
            }
        }
        return counted(standby, standby != null);
    }

    /** What {@link #provide} made. */
    enum Provided {
        /** Nothing (the cache is not usable): initdb and the seed are the caller's. */
        NONE,
        /** The primary, started; a standby is the caller's to build. */
        PRIMARY,
        /** The primary, started, and the standby's data directory with its slot on the primary. */
        PRIMARY_AND_STANDBY
    }

    /** Counts where {@code standby}'s data directory comes from (unless null), for {@link #facts}. */
    private Provided counted(LocalNode standby, boolean fromTemplate) {
        if (standby != null) {
            (fromTemplate ? standbysFromTemplate : standbysFromBackup).incrementAndGet();
        }
        return fromTemplate ? Provided.PRIMARY_AND_STANDBY : Provided.PRIMARY;
    }

    /** Copies {@code dataDir} (a cleanly shut-down template cluster) for {@code standby}, on its own thread. */
    private static BackgroundTask copyForStandby(Provisioner p, Path dataDir, LocalNode standby) {
        RunContext run = p.run();
        return BackgroundTask.start("copying the cluster template for node '" + standby.name() + "'",
                () -> TemplateCache.copyDataDir(dataDir, standby.dataDir(), run.user(), run.workDir().getParent(),
                        p::prepareStandbyCopy));
    }

    /** Configures and starts the primary, sets this run's password and, for {@code standby}, its slot. */
    private static void start(Provisioner p, LocalNode node, LocalNode standby, Poller deadline) {
        p.configure(node);
        p.startAndWait(node, deadline);
        p.setAdminPassword(node, standby == null ? null : Replication.slotFor(standby.name()), deadline);
    }

    /**
     * initdb, the build configuration, start, admin role with a throwaway password (then none), database,
     * seed, a fast shutdown; then the run's traces (configuration, port) are taken out again and the
     * cleanly shut-down directory is stored and, for {@code standby} (when not null), copied as its data
     * directory at the same time. A failure to store only warns: the drill goes on with it. True when the
     * standby's copy was made.
     */
    private boolean build(Provisioner p, LocalNode node, TemplateKey key, LocalNode standby, Poller deadline) {
        RunContext run = p.run();
        RunContext throwaway = new RunContext(run.workDir(), run.user(), run.bins(), Passwords.generate(),
                run.closing(), run.lifecycle(), run.database());
        LocalNode builder = new LocalNode(node.name(), throwaway, node.port());
        Path dataDir = node.dataDir();
        p.initdb(builder, deadline);
        Path conf = dataDir.resolve("postgresql.conf");
        String initdbConf = run.user().read(conf);
        p.configure(builder);
        p.startAndWait(builder, deadline);
        node.port(builder.port());
        p.createAdmin(builder, throwaway, true, deadline);
        p.seed(builder, throwaway, deadline);
        p.psqlScript(builder, "clearing the template's admin password", "ALTER ROLE " + RunContext.ADMIN
                + " PASSWORD NULL;\n", Map.of(), deadline);
        builder.stop(StopMode.FAST);
        String problem = cleanShutdown(run, dataDir);
        boolean withStandby = false;
        if (problem == null) {
            run.user().replace(conf, initdbConf);
            ConfFiles.editAutoConf(run.user(), dataDir, Map.of(), List.of("port"));
            run.user().delete(dataDir.resolve("postmaster.opts"));
            // the standby's copy is taken from the same shut-down directory while it is stored, before it starts
            try (BackgroundTask standbyCopy = standby == null ? null : copyForStandby(p, dataDir, standby)) {
                problem = cache.store(key, dataDir);
                if (standbyCopy != null) {
                    standbyCopy.await(deadline);
                    withStandby = true;
                }
            }
        }
        if (problem != null) {
            System.err.println("pgdrill: warning: the cluster template " + key.hash() + " was not stored in "
                    + cache.dir() + ": " + problem);
        }
        return withStandby;
    }

    /** Null when pg_controldata says the cluster in {@code dataDir} was shut down cleanly, else what it says. */
    private static String cleanShutdown(RunContext run, Path dataDir) {
        ExecResult r = run.pgUnchecked("pg_controldata", List.of("-D", dataDir.toString()), Map.of("LC_ALL", "C"),
                Duration.ofSeconds(30));
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("Database cluster state:")) {
                String state = line.substring(line.indexOf(':') + 1).strip();
                return state.equals("shut down") ? null : "the cluster state after stopping it is '" + state + "'";
            }
        }
        return "pg_controldata did not tell the cluster state: " + ServerUser.tail(r.stderr() + r.stdout(), 3);
    }

    private static String read(Path file) {
        try {
            return NoFollow.read(file);
        } catch (IOException e) {
            throw new EnvironmentException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The exact version of the run's server binaries ({@code postgres --version}), once per bin directory. */
    private String version(RunContext run) {
        return versions.computeIfAbsent(run.bins().binDir(), dir -> {
            ExecResult r = run.pgUnchecked("postgres", List.of("--version"), Map.of(), Duration.ofSeconds(30));
            if (!r.succeeded() || r.stdout().isBlank()) {
                throw new EnvironmentException("could not tell the version of " + run.bins().bin("postgres") + ": "
                        + ServerUser.tail(r.stderr(), 3));
            }
            return r.stdout().strip();
        });
    }

    /**
     * {@code template-cache}: hit, miss or off when every set-up got the same, else the counts; and
     * {@code replica-source}: template or base backup (the counts when both), once a set-up made a replica.
     */
    Map<String, String> facts() {
        List<String> parts = new ArrayList<>();
        int h = hits.get();
        int m = misses.get();
        int o = off.get();
        if (h > 0) {
            parts.add(h + " hit");
        }
        if (m > 0) {
            parts.add(m + " miss");
        }
        if (o > 0) {
            parts.add(o + " off");
        }
        if (parts.isEmpty()) {
            return Map.of();
        }
        String value = parts.size() > 1 ? String.join(", ", parts) : h > 0 ? "hit" : m > 0 ? "miss" : "off";
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(FACT, value);
        int t = standbysFromTemplate.get();
        int b = standbysFromBackup.get();
        if (t > 0 || b > 0) {
            facts.put(REPLICA_FACT, t > 0 && b > 0 ? t + " template, " + b + " base backup" : t > 0 ? "template"
                    : "base backup");
        }
        return facts;
    }
}
