package dev.pgdrill.cli;

import dev.pgdrill.engine.run.DrillExecutor;

import java.io.PrintStream;
import java.time.Duration;

/**
 * While drills run, SIGINT/SIGTERM (Ctrl-C) abort the current step and wait for clean-up (servers,
 * processes, directories) before the JVM exits.
 */
final class ShutdownGuard implements AutoCloseable {
    static final Duration CLEANUP_WAIT = Duration.ofSeconds(60);
    private final Thread hook;
    private volatile boolean finished;

    ShutdownGuard(DrillExecutor executor, PrintStream err) {
        hook = new Thread(() -> {
            if (finished) {
                return;
            }
            err.println("runner: interrupted: stopping the current step and cleaning up (at most "
                    + CLEANUP_WAIT.toSeconds() + "s)...");
            executor.abort("interrupted by signal");
            try {
                if (!executor.awaitCleanup(CLEANUP_WAIT)) {
                    err.println("runner: clean-up did not finish within " + CLEANUP_WAIT.toSeconds()
                            + "s; servers or directories may be left behind");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "runner-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        finished = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; it sees finished and returns
        }
    }
}
