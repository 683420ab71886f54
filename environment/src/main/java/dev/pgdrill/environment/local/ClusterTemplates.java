package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.common.NoFollow;
import dev.pgdrill.environment.common.Passwords;

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
 * (configuration with its paths and port, the admin password, set at start). The set-up's standbys of a
 * primary are more copies of the same template, made at the same time, instead of base backups. Shared by the
 * environments of one factory; counts what each set-up got (hit, miss, off; the replica's source) for
 * the run's report.
 */
final class ClusterTemplates {
    /** The run fact naming what the set-ups got from the cache. */
    static final String FACT = "template-cache";
    /** The run fact naming where the set-ups' replicas came from: {@code template} or {@code base backup}. */
    static final String REPLICA_FACT = "replica-source";

    /** What building, copying and starting a template needs of the run's provisioning ({@link Provisioner}). */
    interface Builder {
        RunContext run();

        EnvironmentSpec spec();

        /** The options of initdb, part of the template's key. */
        List<String> initdbOptions();

        /** The drill's seed files as the key sees them. */
        List<TemplateKey.Seed> seedForKey();

        void initdb(LocalNode node, Poller deadline);

        void configure(LocalNode node);

        void startAndWait(LocalNode node, Poller deadline);

        void createAdmin(LocalNode node, RunContext context, boolean withPassword, Poller deadline);

        void setAdminPassword(LocalNode node, Poller deadline);

        void seed(LocalNode node, RunContext context, Poller deadline);

        void psqlScript(LocalNode node, String what, String sql, Map<String, String> env, Poller deadline);

        /** Takes the template's traces out of a copy made for a standby. */
        void prepareStandbyCopy(Path dataDir);
    }

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
     * <p>Also makes the data directories of {@code standbys} (the nodes that will follow this primary) from
     * the same template (the cached entry on a hit, the just built cluster on a miss), copied at the same time
     * as the primary's and prepared by {@link Provisioner#prepareStandbyCopy}: {@link Provided#standbys()}
     * lists those made. Neither started nor attached, and their slots are the caller's.
     */
    Provided provide(Builder p, LocalNode node, List<LocalNode> standbys, Poller deadline) {
        if (refusal != null) {
            off.incrementAndGet();
            counted(standbys, false);
            return Provided.NONE;
        }
        RunContext run = p.run();
        TemplateKey key = TemplateKey.of(version(run), p.initdbOptions(), p.spec().database(),
                p.spec().backupTool().key(), p.spec().settings(), p.seedForKey());
        Optional<Path> entry = cache.lookup(key);
        if (entry.isEmpty()) {
            try (TemplateCache.Held ignored = cache.lock(key, deadline.remainingAtLeast(Duration.ofSeconds(1)))) {
                entry = cache.lookup(key);
                if (entry.isEmpty()) {
                    boolean withStandbys = build(p, node, key, standbys, deadline);
                    misses.incrementAndGet();
                    start(p, node, deadline);
                    return counted(standbys, withStandbys);
                }
            }
        }
        List<BackgroundTask> copies = new ArrayList<>();
        try {
            for (LocalNode standby : standbys) {
                copies.add(copyForStandby(p, TemplateCache.dataDir(entry.get()), standby));
            }
            cache.checkout(entry.get(), node.dataDir(), run.user(), run.workDir().getParent());
            hits.incrementAndGet();
            start(p, node, deadline);
            for (BackgroundTask copy : copies) {
                copy.await(deadline);
            }
        } finally {
            copies.forEach(BackgroundTask::close);
        }
        return counted(standbys, true);
    }

    /**
     * What {@link #provide} made.
     *
     * @param primary  whether it made the primary (started); false: initdb and the seed are the caller's
     * @param standbys the standbys whose data directories it made from the template; the others are the
     *                 caller's to build from a base backup
     */
    record Provided(boolean primary, List<LocalNode> standbys) {
        /** Nothing (the cache is not usable). */
        static final Provided NONE = new Provided(false, List.of());
    }

    /** Counts where the data directories of {@code standbys} come from, for {@link #facts}. */
    private Provided counted(List<LocalNode> standbys, boolean fromTemplate) {
        (fromTemplate ? standbysFromTemplate : standbysFromBackup).addAndGet(standbys.size());
        return new Provided(true, fromTemplate ? List.copyOf(standbys) : List.of());
    }

    /** Copies {@code dataDir} (a cleanly shut-down template cluster) for {@code standby}, on its own thread. */
    private static BackgroundTask copyForStandby(Builder p, Path dataDir, LocalNode standby) {
        RunContext run = p.run();
        return BackgroundTask.start("copying the cluster template for node '" + standby.name() + "'",
                () -> TemplateCache.copyDataDir(dataDir, standby.dataDir(), run.user(), run.workDir().getParent(),
                        p::prepareStandbyCopy));
    }

    /** Configures and starts the primary, and sets this run's password. */
    private static void start(Builder p, LocalNode node, Poller deadline) {
        p.configure(node);
        p.startAndWait(node, deadline);
        p.setAdminPassword(node, deadline);
    }

    /**
     * initdb, the build configuration, start, admin role with a throwaway password (then none), database,
     * seed, a fast shutdown; then the run's traces (configuration, port) are taken out again and the
     * cleanly shut-down directory is stored and, for each of {@code standbys}, copied as its data directory
     * at the same time. A failure to store only warns: the drill goes on with it. True when the standbys'
     * copies were made.
     */
    private boolean build(Builder p, LocalNode node, TemplateKey key, List<LocalNode> standbys,
                          Poller deadline) {
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
        boolean withStandbys = false;
        if (problem == null) {
            run.user().replace(conf, initdbConf);
            ConfFiles.editAutoConf(run.user(), dataDir, Map.of(), List.of("port"));
            run.user().delete(dataDir.resolve("postmaster.opts"));
            // the standbys' copies are taken from the same shut-down directory while it is stored, before it starts
            List<BackgroundTask> copies = new ArrayList<>();
            try {
                for (LocalNode standby : standbys) {
                    copies.add(copyForStandby(p, dataDir, standby));
                }
                problem = cache.store(key, dataDir);
                for (BackgroundTask copy : copies) {
                    copy.await(deadline);
                }
                withStandbys = true;
            } finally {
                copies.forEach(BackgroundTask::close);
            }
        }
        if (problem != null) {
            System.err.println("pgdrill: warning: the cluster template " + key.hash() + " was not stored in "
                    + cache.dir() + ": " + problem);
        }
        return withStandbys;
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
