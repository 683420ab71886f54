package dev.pgdrill.environment.common;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Tears a run down once, on every exit path: {@link #run()} does the work the first time it is
 * called and nothing after that, and a JVM shutdown hook, registered by {@link #arm()}, calls it when
 * the runner is terminated (SIGTERM, Ctrl-C); the {@link Reaper}, given the run by
 * {@link #registerWithReaper()}, does it when the runner is killed outright (SIGKILL). A backend says
 * what the work is in {@link #tearDown()}.
 */
public abstract class RunTeardown {
    private final AtomicBoolean done = new AtomicBoolean();
    private final Thread hook;
    private final Supplier<Reaper.Registration> reaper;
    private volatile Reaper.Registration reaped;
    private volatile boolean keep;
    private volatile boolean armed;

    /**
     * @param hookName the name of the shutdown hook's thread
     * @param reaper   hands the run to the {@link Reaper}
     */
    protected RunTeardown(String hookName, Supplier<Reaper.Registration> reaper) {
        this.hook = new Thread(this::runQuietly, hookName);
        this.reaper = reaper;
    }

    /** Hands the run to the reaper (unless kept) before anything is created: a SIGKILLed runner leaves nothing. */
    public void registerWithReaper() {
        if (!keeping() && reaped == null) {
            reaped = reaper.get();
        }
    }

    /**
     * Takes the run back from the reaper when the teardown is {@code clean} or the run is kept; with
     * problems, the reaper tries again when the runner exits.
     */
    protected void releaseReaper(boolean clean) {
        if (reaped != null && (clean || keeping())) {
            reaped.close();
        }
    }

    /** Whether the run's data stays after the teardown. */
    public void keep(boolean value) {
        keep = value;
    }

    protected boolean keeping() {
        return keep;
    }

    /** Registers the shutdown hook (before anything is started). */
    public synchronized void arm() {
        if (!armed && !done.get()) {
            Runtime.getRuntime().addShutdownHook(hook);
            armed = true;
        }
    }

    /** Tears down, the first time only; the shutdown hook is no longer needed afterwards. */
    public final void run() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        disarm();
        tearDown();
    }

    /** The backend's work; its problems are thrown as one exception after everything was tried. */
    protected abstract void tearDown();

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            System.err.println("pgdrill: " + e.getMessage());
        }
    }

    private synchronized void disarm() {
        if (armed && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook will find the work done
            }
        }
        armed = false;
    }
}
