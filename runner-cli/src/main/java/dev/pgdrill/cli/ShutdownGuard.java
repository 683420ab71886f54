package dev.pgdrill.cli;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.run.DrillExecutor;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * While drills run, SIGINT (Ctrl-C), SIGTERM and SIGHUP abort the current step (or the environment
 * set-up); the run then cleans up, reports "interrupted", and the runner exits with 128 + the
 * signal's number (130, 143, 129), the same code its "Exit code" line prints. Should clean-up not end
 * within {@link #CLEANUP_WAIT}, or a second signal come, the runner exits at once with that code; its
 * environments' shutdown hooks and the reaper remove what is left.
 *
 * <p>A signal the runner was started ignoring (nohup, a background job) stays ignored.
 */
final class ShutdownGuard implements AutoCloseable {
    static final Duration CLEANUP_WAIT = Duration.ofSeconds(60);
    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");
    private final DrillExecutor executor;
    private final PrintStream err;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final AtomicReference<ExitCode> code = new AtomicReference<>();
    private volatile boolean finished;

    ShutdownGuard(DrillExecutor executor, PrintStream err) {
        this.executor = executor;
        this.err = err;
        for (String name : SIGNALS) {
            install(name);
        }
    }

    private void install(String name) {
        try {
            Signal signal = new Signal(name);
            SignalHandler old = Signal.handle(signal, this::onSignal);
            if (old == SignalHandler.SIG_IGN) {
                Signal.handle(signal, SignalHandler.SIG_IGN);
            } else {
                previous.put(signal, old);
            }
        } catch (IllegalArgumentException e) {
            // not available here (the JVM uses it, -Xrs): the JVM's default stays, the reaper still cleans up
        }
    }

    private void onSignal(Signal signal) {
        ExitCode exit = ExitCode.of(128 + signal.getNumber());
        if (finished) {
            System.exit(exit.code()); // the drills are over: the JVM's default behaviour
        }
        if (!code.compareAndSet(null, exit)) {
            err.println("runner: SIG" + signal.getName() + " again: exiting now");
            err.flush();
            System.exit(code.get().code());
        }
        err.println("runner: interrupted by SIG" + signal.getName() + ": stopping the current step and cleaning up "
                + "(at most " + CLEANUP_WAIT.toSeconds() + "s; signal again to exit at once)...");
        err.flush();
        executor.abort("interrupted by signal (SIG" + signal.getName() + ")", exit);
        Thread watchdog = new Thread(() -> {
            try {
                if (!executor.awaitCleanup(CLEANUP_WAIT) && !finished) {
                    err.println("runner: clean-up did not finish within " + CLEANUP_WAIT.toSeconds()
                            + "s; exiting, servers or directories may be left behind");
                    err.flush();
                    System.exit(exit.code());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "runner-signal-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @Override
    public void close() {
        finished = true;
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException ignored) {
                // keep ours; it does nothing once finished
            }
        });
    }
}
