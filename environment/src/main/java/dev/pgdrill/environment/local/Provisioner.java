package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.common.FreePorts;
import dev.pgdrill.environment.common.Replication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds data directories: the seeded primary, streaming standbys, and restored nodes. */
final class Provisioner {
    private static final List<String> SEED = List.of("/seed/01-schema.sql", "/seed/02-data.sql");

    private final RunContext run;
    private final ReplicationLinks links;
    private final String archiveCommand;
    private final String restoreCommand;
    private final EnvironmentSpec spec;

    /**
     * @param archiveCommand the backup tool's archive_command, {@code restoreCommand} its restore_command
     * @param spec           the drill's database, seed files and server settings
     */
    Provisioner(RunContext run, ReplicationLinks links, String archiveCommand, String restoreCommand,
                EnvironmentSpec spec) {
        this.run = run;
        this.links = links;
        this.archiveCommand = archiveCommand;
        this.restoreCommand = restoreCommand;
        this.spec = spec;
    }

    /**
     * initdb, configuration (the drill's settings after the environment's, so a standby's base backup
     * carries them too), start, admin role, database, seed. A setting the server refuses stops the
     * start with the server's own message (the log lines), an {@link EnvironmentException}.
     */
    void initPrimary(LocalNode node, Poller deadline) {
        run.pg("initdb of node '" + node.name() + "'", "initdb", List.of("-D", node.dataDir().toString(),
                "--data-checksums", "--wal-segsize=" + ConfFiles.WAL_SEGMENT_MB, "--auth-local=trust",
                "--auth-host=trust", "-U", "postgres", "-E", "UTF8", "--locale=C"), Map.of(), deadline.remainingAtLeast(Duration.ofSeconds(5)));
        Map<String, String> settings = ConfFiles.common(run.workDir(), archiveCommand, restoreCommand);
        settings.putAll(spec.settings());
        ConfFiles.appendServerConf(node.dataDir(), settings);
        ConfFiles.editAutoConf(node.dataDir(), Map.of("port", Integer.toString(node.port())), List.of());
        run.user().own(node.dataDir());
        startAndWait(node, deadline);
        createAdmin(node, deadline);
        if (!spec.defaultSeed()) {
            new SeedFiles(run, node, spec.database()).load(spec.seed(), deadline);
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

    /** Starts and waits until ready; when the port was taken meanwhile, moves to a fresh port and retries. */
    void startAndWait(LocalNode node, Poller deadline) {
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
            ConfFiles.editAutoConf(node.dataDir(), Map.of("port", Integer.toString(node.port())), List.of());
        }
    }

    private void createAdmin(LocalNode node, Poller deadline) {
        Path script = run.workDir().resolve("init-" + node.name() + ".sql");
        String sql = "CREATE ROLE " + RunContext.ADMIN + " WITH LOGIN SUPERUSER REPLICATION PASSWORD '"
                + run.password() + "';\nCREATE DATABASE \"" + run.database() + "\" OWNER " + RunContext.ADMIN
                + ";\n";
        try {
            WorkDir.writePrivate(script, sql, run.user());
            run.pg("creating the admin role and database on node '" + node.name() + "'", "psql",
                    List.of("-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", run.sock().toString(),
                            "-p", Integer.toString(node.port()), "-U", "postgres", "-d", "postgres", "-f",
                            script.toString()), Map.of(), deadline.remainingAtLeast(Duration.ofSeconds(5)));
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // inside the private work directory, removed with it
            }
        }
    }

    /**
     * Makes {@code node} (whose data directory must not exist) a streaming standby of
     * {@code upstream}: a physical slot {@code <node>_slot} ('-' becomes '_') on the upstream, a replication link
     * (proxy), pg_basebackup through it, standby.signal and the connection settings. Does not start it.
     */
    void buildStandby(LocalNode node, LocalNode upstream, Duration timeout) {
        String slot = Replication.slotFor(node.name());
        Replication.prepareSlot(upstream, slot, node.name());
        cloneStandby(node, upstream, slot, timeout);
    }

    /** {@link #buildStandby} with the slot already prepared. */
    void cloneStandby(LocalNode node, LocalNode upstream, String slot, Duration timeout) {
        int linkPort = links.connect(node.name(), upstream.name(), upstream.port());
        run.pg("base backup of node '" + upstream.name() + "' for standby '" + node.name() + "'", "pg_basebackup",
                List.of("-h", "127.0.0.1", "-p", Integer.toString(linkPort), "-U", RunContext.ADMIN, "-D",
                        node.dataDir().toString(), "--checkpoint=fast", "-X", "stream", "-S", slot, "--no-password"),
                run.clientEnv(linkPort), timeout);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("port", Integer.toString(node.port()));
        settings.put("primary_conninfo", ConfFiles.conninfo(linkPort, RunContext.ADMIN, run.passfile(), node.name()));
        settings.put("primary_slot_name", slot);
        settings.put("restore_command", restoreCommand);
        settings.put("recovery_target_timeline", "latest");
        ConfFiles.editAutoConf(node.dataDir(), settings, List.of("recovery_target*"));
        deleteIfExists(node.dataDir().resolve("recovery.signal"));
        touch(node.dataDir().resolve("standby.signal"));
        run.user().own(node.dataDir());
    }

    /**
     * Prepares a restored data directory: {@code recovery} (archive recovery settings, see
     * {@code ArchiveRecovery}), no upstream, the node's own port. An empty {@code recovery} (a
     * naive copy) gets only its port: it is started as it is, so the drill sees what that does.
     */
    void configureRecovery(LocalNode node, Map<String, String> recovery) {
        deleteIfExists(node.dataDir().resolve("postmaster.pid"));
        deleteIfExists(node.dataDir().resolve("postmaster.opts"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("port", Integer.toString(node.port()));
        settings.putAll(recovery);
        if (!recovery.isEmpty()) {
            ConfFiles.editAutoConf(node.dataDir(), settings,
                    List.of("recovery_target*", "primary_conninfo", "primary_slot_name"));
            deleteIfExists(node.dataDir().resolve("standby.signal"));
            touch(node.dataDir().resolve("recovery.signal"));
        } else {
            ConfFiles.editAutoConf(node.dataDir(), settings, List.of());
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
