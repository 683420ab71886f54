package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.ExitCode;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The stop signal of one executor (SIGINT/SIGTERM, see {@link DrillExecutor#abort}): whether it came, why,
 * with which exit code, and the work it stops: each running step and each environment set-up, which
 * register themselves while they run. Safe from any thread.
 */
final class Abort {
    private volatile String reason;
    private volatile ExitCode exitCode = ExitCode.INTERRUPTED;
    private final Set<Consumer<String>> stoppable = ConcurrentHashMap.newKeySet();

    /** A piece of work registered with {@link #track}; closing it unregisters it. */
    interface Tracked extends AutoCloseable {
        @Override
        void close();
    }

    /** Stops everything registered now, with {@code why}; whatever starts later sees {@link #happened()}. */
    void signal(String why, ExitCode code) {
        exitCode = code;
        reason = why;
        for (Consumer<String> stop : stoppable) {
            stop.accept(why);
        }
    }

    /** Registers work that {@link #signal} must stop, until the returned handle is closed. */
    Tracked track(Consumer<String> stop) {
        stoppable.add(stop);
        return () -> stoppable.remove(stop);
    }

    boolean happened() {
        return reason != null;
    }

    /** Why the run was stopped, or null while it was not. */
    String reason() {
        return reason;
    }

    /** The signal's exit code (128 + its number); {@link ExitCode#INTERRUPTED} until one came. */
    ExitCode exitCode() {
        return exitCode;
    }
}
