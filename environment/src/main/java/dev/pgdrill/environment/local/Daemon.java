package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A long-lived program of the run (etcd, a Patroni agent) started as the server user, detached: its own session
 * (so a Ctrl-C at the terminal reaches only the runner, whose clean-up then ends it), output appended to
 * {@code log}, in the run's cgroup like every command of the run's user, and with a command line that names the
 * work directory, so the clean-up and the reaper find it either way. Its pid is known; {@link #alive()} checks that
 * the pid still runs this command (not a reused pid).
 */
final class Daemon {
    /** Fixed text: starts "$@" detached with its output appended to "$1" and prints its pid; no value is shell text. */
    private static final String DETACH = "log=$1; shift; setsid \"$@\" >>\"$log\" 2>&1 </dev/null & echo $!";

    private final String what;
    private final List<String> command;
    private final Path log;
    private final RunContext run;
    private volatile long pid = -1;

    Daemon(String what, RunContext run, Path log, List<String> command) {
        this.what = what;
        this.run = run;
        this.log = log;
        this.command = List.copyOf(command);
    }

    Path log() {
        return log;
    }

    /** Starts the program (unless it runs); refused once the run is closing. */
    synchronized void start() {
        if (alive()) {
            return;
        }
        run.lifecycle().readLock().lock();
        try {
            run.checkOpen("start of " + what);
            List<String> full = new ArrayList<>(List.of("sh", "-c", DETACH, "pgdrill-daemon", log.toString()));
            full.addAll(command);
            ExecResult r = run.user().runChecked("start of " + what, full, Map.of(), run.workDir(),
                    Duration.ofSeconds(30));
            try {
                pid = Long.parseLong(r.stdout().strip());
            } catch (NumberFormatException e) {
                throw new EnvironmentException("start of " + what + ": no pid from the shell (" + r.stdout().strip() + ")");
            }
        } finally {
            run.lifecycle().readLock().unlock();
        }
    }

    /** Whether the program still runs (its pid alive with its own command line). */
    boolean alive() {
        long p = pid;
        return p > 0 && ProcTable.alive(p) && ProcTable.cmdline(p).contains(command.get(command.size() - 1));
    }

    /** The program's pid while it runs, else -1. */
    long pid() {
        return alive() ? pid : -1;
    }

    /** SIGKILLs the program and waits (bounded) until it is gone. */
    synchronized void kill() {
        signalAndAwait("KILL", Duration.ofSeconds(10));
    }

    /** SIGTERMs the program and waits up to {@code grace} for it to end; then SIGKILLs it. */
    synchronized void terminate(Duration grace) {
        if (!alive()) {
            return;
        }
        ProcTable.signal("TERM", List.of(pid));
        if (!ProcTable.awaitGone(List.of(pid), grace).isEmpty()) {
            kill();
        }
    }

    private void signalAndAwait(String signal, Duration wait) {
        if (!alive()) {
            return;
        }
        ProcTable.signal(signal, List.of(pid));
        List<Long> left = ProcTable.awaitGone(List.of(pid), wait);
        if (!left.isEmpty()) {
            throw new EnvironmentException(what + " (pid " + pid + ") survived SIG" + signal);
        }
    }

    @Override
    public String toString() {
        return what + " (pid " + pid + ")";
    }
}
