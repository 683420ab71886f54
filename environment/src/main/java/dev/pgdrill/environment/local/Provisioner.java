package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.engine.postgres.Lsn;
import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.common.FreePorts;
import dev.pgdrill.environment.common.RewindOutput;
import dev.pgdrill.environment.common.ScramSecret;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Builds data directories: the seeded primary, streaming standbys, and restored nodes. */
final class Provisioner implements ClusterTemplates.Builder {
    private static final List<String> SEED = List.of("/seed/01-schema.sql", "/seed/02-data.sql");
    /** initdb's options after {@code -D}; part of every template key. */
    static final List<String> INITDB_OPTIONS = List.of("--data-checksums", "--wal-segsize=" + ConfFiles.WAL_SEGMENT_MB,
            "--auth-local=trust", "--auth-host=trust", "-U", "postgres", "-E", "UTF8", "--locale=C");
    private static final String PASSWORD_VARIABLE = "PGDRILL_ADMIN_PASSWORD";

    private final RunContext run;
    private final ReplicationLinks links;
    private final String archiveCommand;
    private final String restoreCommand;
    private final EnvironmentSpec spec;
    private final ClusterTemplates templates;

    /**
     * @param archiveCommand the backup tool's archive_command, {@code restoreCommand} its restore_command
     * @param spec           the drill's database, seed files and server settings
     * @param templates      the cluster template cache, or null to run initdb and the seed every time
     */
    Provisioner(RunContext run, ReplicationLinks links, String archiveCommand, String restoreCommand,
                EnvironmentSpec spec, ClusterTemplates templates) {
        this.run = run;
        this.links = links;
        this.archiveCommand = archiveCommand;
        this.restoreCommand = restoreCommand;
        this.spec = spec;
        this.templates = templates;
    }

    /**
     * initdb, configuration (the drill's settings after the environment's, so a standby's base backup
     * carries them too), start, admin role, database, seed; or, with a template cache, a copy of the
     * cached cluster for the same key (built once, see {@link ClusterTemplates}) with this run's
     * configuration and password. A setting the server refuses stops the start with the server's own
     * message (the log lines), an {@link EnvironmentException}.
     *
     * <p>When the primary comes from a template, the data directories of {@code standbys} (the nodes that will
     * follow it) too: copies of the same cleanly shut-down cluster (same system identifier and timeline, so each
     * starts at the shutdown checkpoint and streams the rest from the primary, whose pg_wal still holds that
     * segment), made while the primary's is copied and started, prepared by {@link #prepareStandbyCopy}.
     * Returns those made that way: the caller then only {@link #attachStandbyCopy attaches} and starts them
     * once their slots are on the primary; the others it builds with {@link #cloneStandby}.
     */
    List<LocalNode> initPrimary(LocalNode node, List<LocalNode> standbys, Poller deadline) {
        if (templates != null) {
            ClusterTemplates.Provided provided = templates.provide(this, node, standbys, deadline);
            if (provided.primary()) {
                return provided.standbys();
            }
        }
        initdb(node, deadline);
        configure(node);
        startAndWait(node, deadline);
        createAdmin(node, run, true, deadline);
        seed(node, deadline);
        return List.of();
    }

    /** initdb of {@code node}'s data directory as the server user, with {@link #INITDB_OPTIONS}. */
    @Override
    public void initdb(LocalNode node, Poller deadline) {
        List<String> args = new ArrayList<>(List.of("-D", node.dataDir().toString()));
        args.addAll(INITDB_OPTIONS);
        run.pg("initdb of node '" + node.name() + "'", "initdb", args, Map.of(),
                deadline.remainingAtLeast(Duration.ofSeconds(5)));
    }

    /** This run's configuration: the common settings and the drill's in postgresql.conf, the port, owner. */
    @Override
    public void configure(LocalNode node) {
        ConfFiles.appendServerConf(run.user(), node.dataDir(), serverSettings());
        ConfFiles.editAutoConf(run.user(), node.dataDir(), Map.of("port", Integer.toString(node.port())), List.of());
        run.user().own(node.dataDir());
    }

    private Map<String, String> serverSettings() {
        Map<String, String> settings = ConfFiles.common(run.workDir(), archiveCommand, restoreCommand);
        settings.putAll(spec.settings());
        return settings;
    }

    /**
     * Makes {@code dataDir}, a copy of a cleanly shut-down template cluster, a standby's: none of the
     * template's server traces (pid file, options, replication slots, signal files, backup label), this
     * run's server configuration as {@link #configure} writes it for the primary, and {@code standby.signal}.
     * Its port and upstream come with {@link #attachStandbyCopy}; the caller gives it to the server user.
     */
    @Override
    public void prepareStandbyCopy(Path dataDir) {
        List<Path> traces = new ArrayList<>();
        for (String file : List.of("postmaster.pid", "postmaster.opts", "recovery.signal", "backup_label",
                "tablespace_map")) {
            traces.add(dataDir.resolve(file));
        }
        Path slots = dataDir.resolve("pg_replslot");
        try (Stream<Path> all = Files.list(slots)) {
            all.forEach(traces::add);
        } catch (IOException e) {
            throw new EnvironmentException("could not clear the replication slots of " + slots + ": " + e.getMessage(), e);
        }
        run.user().delete(traces.toArray(Path[]::new));
        ConfFiles.appendServerConf(run.user(), dataDir, serverSettings());
        run.user().write(dataDir.resolve("standby.signal"), new byte[0]);
    }

    /**
     * Points a standby made by {@link #initPrimary(LocalNode, List, Poller)} at {@code upstream} through a
     * new replication link, with the settings {@link #cloneStandby} writes. Does not start it.
     */
    void attachStandbyCopy(LocalNode node, LocalNode upstream, String slot) {
        int linkPort = links.connect(node.name(), upstream.name(), upstream.port());
        standbySettings(node, linkPort, slot);
    }

    /**
     * Waits until {@code standby} has replayed everything {@code upstream} has written so far. A standby
     * copied from the template starts without the run's admin password (templates hold none) and gets it
     * by replaying the primary's WAL: streaming alone does not mean it accepts the run's credentials yet.
     * Checked on the standby itself, over the private socket (no password needed there, and no failed
     * login in its log), in one psql that waits server-side, bounded by a statement timeout.
     */
    void awaitReplay(LocalNode standby, LocalNode upstream, Poller deadline) {
        String text;
        try (Connection c = upstream.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()")) {
            rs.next();
            text = rs.getString(1);
        } catch (SQLException e) {
            throw new EnvironmentException("could not read the WAL position of node '" + upstream.name() + "': "
                    + e.getMessage(), e);
        }
        if (!Lsn.isLsn(text)) {
            throw new EnvironmentException("node '" + upstream.name() + "' gave an unexpected WAL position: " + text);
        }
        String lsn = Lsn.format(Lsn.parse(text));   // canonical hex digits and a slash, nothing else
        long timeoutMs = Math.max(1000, deadline.remaining().toMillis());
        psqlScript(standby, "waiting for node '" + standby.name() + "' to replay node '" + upstream.name()
                + "' up to " + lsn, "SET statement_timeout = " + timeoutMs + ";\nDO $$BEGIN WHILE "
                + "pg_last_wal_replay_lsn() < '" + lsn + "'::pg_lsn LOOP PERFORM pg_sleep(0.005); END LOOP; END$$;\n",
                Map.of(), deadline);
    }

    /** The drill's seed files, or the built-in seed, into its database on {@code node}. */
    @Override
    public void seed(LocalNode node, RunContext context, Poller deadline) {
        if (!spec.defaultSeed()) {
            new SeedFiles(context, node, spec.database()).load(spec.seed(), deadline);
            return;
        }
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            for (String resource : SEED) {
                s.execute(resource(resource));
            }
        } catch (SQLException e) {
            throw new EnvironmentException("seeding node '" + node.name() + "' failed: " + e.getMessage(), e);
        }
    }

    private void seed(LocalNode node, Poller deadline) {
        seed(node, run, deadline);
    }

    /** The seed that goes into the template key: the drill's files, or the built-in seed's text. */
    @Override
    public List<TemplateKey.Seed> seedForKey() {
        if (!spec.defaultSeed()) {
            return spec.seed().stream().map(TemplateKey.Seed::ofFile).toList();
        }
        return SEED.stream().map(r -> TemplateKey.Seed.ofText(r, resource(r))).toList();
    }

    @Override
    public EnvironmentSpec spec() {
        return spec;
    }

    @Override
    public List<String> initdbOptions() {
        return INITDB_OPTIONS;
    }

    @Override
    public RunContext run() {
        return run;
    }

    /** Starts and waits until ready; when the port was taken meanwhile, moves to a fresh port and retries. */
    @Override
    public void startAndWait(LocalNode node, Poller deadline) {
        for (int attempt = 1; ; attempt++) {
            long before = node.log().position();
            if (node.startAndWait(deadline.remainingAtLeast(Duration.ofSeconds(5)))) {
                return;
            }
            boolean portTaken = node.log().since(before).stream().anyMatch(l -> l.contains("could not bind"));
            if (!portTaken || attempt >= 3 || deadline.expired()) {
                throw new EnvironmentException("node '" + node.name() + "' did not start (data directory "
                        + node.dataDir() + "); last lines of " + node.log().file() + ":\n" + node.log().tailText(15));
            }
            int old = node.port();
            node.port(FreePorts.reserve());
            FreePorts.release(old);
            ConfFiles.editAutoConf(run.user(), node.dataDir(), Map.of("port", Integer.toString(node.port())), List.of());
        }
    }

    /**
     * The admin role (with {@code context}'s password when {@code withPassword}, else none) and the
     * drill's database, through a private script over the socket (the password never on a command line).
     */
    @Override
    public void createAdmin(LocalNode node, RunContext context, boolean withPassword, Poller deadline) {
        String sql = "CREATE ROLE " + RunContext.ADMIN + " WITH LOGIN SUPERUSER REPLICATION"
                + (withPassword ? " PASSWORD '" + ScramSecret.of(context.password(), ScramSecret.RUN_ITERATIONS) + "'"
                : "") + ";\nCREATE DATABASE \""
                + run.database() + "\" OWNER " + RunContext.ADMIN + ";\n";
        psqlScript(node, "creating the admin role and database on node '" + node.name() + "'", sql, Map.of(),
                deadline);
    }

    /**
     * Sets the admin role's password to this run's, as a SCRAM secret computed here ({@link ScramSecret}:
     * the server never sees the password itself, and connections pay 16 iterations, not 4096): psql reads it
     * from its environment ({@code \getenv}), so it is in no file, no command line and no SQL text the runner builds.
     */
    @Override
    public void setAdminPassword(LocalNode node, Poller deadline) {
        String sql = "\\getenv pw " + PASSWORD_VARIABLE + "\nALTER ROLE " + RunContext.ADMIN + " PASSWORD :'pw';\n";
        psqlScript(node, "setting the admin password on node '" + node.name() + "'", sql,
                Map.of(PASSWORD_VARIABLE, ScramSecret.of(run.password(), ScramSecret.RUN_ITERATIONS)), deadline);
    }

    /** Runs {@code sql} as the bootstrap superuser over the private socket, from a private script file. */
    @Override
    public void psqlScript(LocalNode node, String what, String sql, Map<String, String> env, Poller deadline) {
        Path script = run.workDir().resolve("init-" + node.name() + ".sql");
        try {
            WorkDir.writePrivate(script, sql, run.user());
            run.pg(what, "psql", List.of("-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", run.sock().toString(),
                    "-p", Integer.toString(node.port()), "-U", "postgres", "-d", "postgres", "-f",
                    script.toString()), env, deadline.remainingAtLeast(Duration.ofSeconds(5)));
        } finally {
            run.user().delete(script);
        }
    }

    /**
     * Makes {@code node} (whose data directory must not exist) a streaming standby of {@code upstream}
     * through the physical slot {@code slot}, prepared on the upstream already: a replication link (proxy),
     * pg_basebackup through it, standby.signal and the connection settings. Does not start it.
     */
    void cloneStandby(LocalNode node, LocalNode upstream, String slot, Duration timeout) {
        int linkPort = links.connect(node.name(), upstream.name(), upstream.port());
        run.pg("base backup of node '" + upstream.name() + "' for standby '" + node.name() + "'", "pg_basebackup",
                List.of("-h", "127.0.0.1", "-p", Integer.toString(linkPort), "-U", RunContext.ADMIN, "-D",
                        node.dataDir().toString(), "--checkpoint=fast", "-X", "stream", "-S", slot, "--no-password"),
                run.clientEnv(linkPort), timeout);
        standbySettings(node, linkPort, slot);
        run.user().own(node.dataDir());
    }

    /**
     * Rewinds the stopped {@code node} to the history of the running {@code upstream} with the same binaries'
     * {@code pg_rewind} as the server user ({@code --progress}; the source reached directly, not through the
     * replication link), then makes it a standby of the upstream through a new link and slot {@code slot}, with
     * the settings {@link #cloneStandby} writes (pg_rewind copied the upstream's configuration files). Does not
     * start it. Returns pg_rewind's output lines; a failure is an {@link EnvironmentException} with them.
     */
    List<String> rewindAsStandby(LocalNode node, LocalNode upstream, String slot, Duration timeout) {
        ExecResult r = run.pgUnchecked("pg_rewind", List.of("--target-pgdata=" + node.dataDir(), "--source-server="
                + ConfFiles.conninfo(upstream.port(), RunContext.ADMIN, run.passfile(), "pg_rewind") + " dbname=postgres", "--progress"),
                Map.of(), timeout);
        List<String> lines = RewindOutput.lines(r.stdout(), r.stderr());
        if (!r.succeeded()) {
            throw new EnvironmentException("pg_rewind of node '" + node.name() + "' from '" + upstream.name()
                    + "' failed (exit " + r.exitCode() + "):\n" + String.join("\n", lines));
        }
        int linkPort = links.connect(node.name(), upstream.name(), upstream.port());
        standbySettings(node, linkPort, slot);
        run.user().own(node.dataDir());
        return lines;
    }

    /**
     * Port, upstream through the link on {@code linkPort}, slot, latest timeline; standby.signal. The archive as
     * the node is declared: a fallback to it ({@code restore_command}) unless {@code archive: false}, and
     * {@code archive_mode = always} when asked (the standby archives what it receives, into the same archive).
     */
    private void standbySettings(LocalNode node, int linkPort, String slot) {
        Topology.NodeDecl decl = spec.topology().node(node.name()).orElse(Topology.NodeDecl.standby(node.name(), null));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("port", Integer.toString(node.port()));
        settings.put("primary_conninfo", ConfFiles.conninfo(linkPort, RunContext.ADMIN, run.passfile(), node.name()));
        settings.put("primary_slot_name", slot);
        settings.put("restore_command", decl.archive() ? restoreCommand : "");
        settings.put("archive_mode", decl.archiveMode().key());
        settings.put("recovery_target_timeline", "latest");
        ConfFiles.editAutoConf(run.user(), node.dataDir(), settings, List.of("recovery_target*"));
        run.user().delete(node.dataDir().resolve("recovery.signal"));
        run.user().write(node.dataDir().resolve("standby.signal"), new byte[0]);
    }

    /**
     * Makes the stopped {@code node} start as a standby, keeping its data (see
     * {@code BackendEnvironment.writeStandbySettings}): standby.signal, no recovery target, the latest timeline,
     * {@code restoreCommand} unless null; with {@code upstream}, a new replication link to it and the settings
     * {@link #cloneStandby} writes for it, else its upstream settings untouched.
     */
    void configureStandby(LocalNode node, LocalNode upstream, String slot, String restoreCommand) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("port", Integer.toString(node.port()));
        if (upstream != null) {
            int linkPort = links.connect(node.name(), upstream.name(), upstream.port());
            settings.put("primary_conninfo", ConfFiles.conninfo(linkPort, RunContext.ADMIN, run.passfile(), node.name()));
            settings.put("primary_slot_name", slot);
        }
        if (restoreCommand != null) {
            settings.put("restore_command", restoreCommand);
        }
        settings.put("recovery_target_timeline", "latest");
        ConfFiles.editAutoConf(run.user(), node.dataDir(), settings, List.of("recovery_target*"));
        run.user().delete(node.dataDir().resolve("recovery.signal"));
        run.user().write(node.dataDir().resolve("standby.signal"), new byte[0]);
        run.user().own(node.dataDir());
    }

    /**
     * Points the running standby {@code node} at {@code upstream} through a new replication link and slot
     * {@code slot} (its old link closed, so the walreceiver lets go of the old upstream), with
     * {@code recovery_target_timeline = latest}, and reloads its configuration: PostgreSQL restarts the
     * walreceiver with the new {@code primary_conninfo}. Its archive settings stay as they are.
     */
    void repoint(LocalNode node, LocalNode upstream, String slot) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("primary_slot_name", slot);
        settings.put("recovery_target_timeline", "latest");
        int linkPort = links.connect(node.name(), upstream.name(), upstream.port());
        settings.put("primary_conninfo", ConfFiles.conninfo(linkPort, RunContext.ADMIN, run.passfile(), node.name()));
        ConfFiles.editAutoConf(run.user(), node.dataDir(), settings, List.of());
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new EnvironmentException("could not reload the configuration of node '" + node.name() + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Prepares a restored data directory: {@code recovery} (archive recovery settings, see
     * {@code ArchiveRecovery}), no upstream, the node's own port. An empty {@code recovery} (a
     * naive copy) gets only its port: it is started as it is, so the drill sees what that does.
     */
    void configureRecovery(LocalNode node, Map<String, String> recovery) {
        run.user().delete(node.dataDir().resolve("postmaster.pid"), node.dataDir().resolve("postmaster.opts"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("port", Integer.toString(node.port()));
        settings.putAll(recovery);
        if (!recovery.isEmpty()) {
            ConfFiles.editAutoConf(run.user(), node.dataDir(), settings,
                    List.of("recovery_target*", "primary_conninfo", "primary_slot_name"));
            run.user().delete(node.dataDir().resolve("standby.signal"));
            run.user().write(node.dataDir().resolve("recovery.signal"), new byte[0]);
        } else {
            ConfFiles.editAutoConf(run.user(), node.dataDir(), settings, List.of());
        }
        run.user().own(node.dataDir());
    }

    private static String resource(String name) {
        try (InputStream in = Provisioner.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new EnvironmentException("seed file " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvironmentException("could not read seed file " + name + ": " + e.getMessage(), e);
        }
    }

    static void deleteIfExists(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new EnvironmentException("could not delete " + p + ": " + e.getMessage(), e);
        }
    }

    private static void touch(Path p) {
        try {
            if (!Files.exists(p)) {
                Files.createFile(p);
            }
        } catch (IOException e) {
            throw new EnvironmentException("could not create " + p + ": " + e.getMessage(), e);
        }
    }
}
