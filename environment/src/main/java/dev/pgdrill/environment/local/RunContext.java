package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Names;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * What every node of one local run shares: the work directory, the server OS user, the
 * PostgreSQL binaries, the admin password and the drill's database.
 */
record RunContext(Path workDir, ServerUser user, PgBinaries bins, String password, AtomicBoolean closing,
                  ReadWriteLock lifecycle, String database) {
    static final String ADMIN = "admin";

    /** Refuses to start anything once the run is being torn down (a start racing a SIGTERM would orphan a server). */
    void checkOpen(String operation) {
        if (closing.get()) {
            throw new EnvironmentException(operation + ": the environment in " + workDir
                    + " is closed");
        }
    }

    Path archive() {
        return workDir.resolve(Names.ARCHIVE);
    }

    Path backups() {
        return workDir.resolve(Names.BACKUPS);
    }

    Path logs() {
        return workDir.resolve(Names.LOGS);
    }

    /** The private unix socket directory of the run's servers. */
    Path sock() {
        return workDir.resolve(Names.SOCK);
    }

    Path passfile() {
        return workDir.resolve(Names.PASSFILE);
    }

    /** libpq variables for reaching a server on {@code port} over TCP as admin. */
    Map<String, String> clientEnv(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", "127.0.0.1");
        env.put("PGPORT", Integer.toString(port));
        env.put("PGUSER", ADMIN);
        env.put("PGPASSWORD", password);
        env.put("PGDATABASE", database);
        env.put("PGCONNECT_TIMEOUT", "5");
        env.put("PATH", bins.binDir() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return env;
    }

    /** Runs a PostgreSQL program (by name, from the bin directory) as the server user; fails with context. */
    ExecResult pg(String what, String program, List<String> args, Map<String, String> env, Duration timeout) {
        return user.runChecked(what, pgCommand(program, args), env, workDir, timeout);
    }

    ExecResult pgUnchecked(String program, List<String> args, Map<String, String> env, Duration timeout) {
        return user.run(pgCommand(program, args), env, workDir, timeout);
    }

    private List<String> pgCommand(String program, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(bins.bin(program).toString());
        command.addAll(args);
        return command;
    }
}
