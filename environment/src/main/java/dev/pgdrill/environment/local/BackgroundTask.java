package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.wait.Poller;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One piece of set-up work run on its own thread while the caller goes on with another (a data
 * directory copied while the primary's is copied and started). {@link #await} takes its outcome within
 * a deadline; {@link #close} cancels it when it was not awaited (an interrupted command kills its
 * process, see {@link ServerUser#run}) and waits for its thread to end, so nothing it does outlives a
 * failed set-up's clean-up.
 */
final class BackgroundTask implements AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String what;
    private final FutureTask<Void> task;
    private final Thread thread;

    private BackgroundTask(String what, Runnable work) {
        this.what = what;
        this.task = new FutureTask<>(work, null);
        this.thread = new Thread(task, "pgdrill-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
        thread.setDaemon(true);
    }

    /** Starts {@code work} now; {@code what} names it in messages. */
    static BackgroundTask start(String what, Runnable work) {
        BackgroundTask t = new BackgroundTask(what, work);
        t.thread.start();
        return t;
    }

    /** Waits for the work to end within {@code deadline}; rethrows its failure, or fails when the deadline passes. */
    void await(Poller deadline) {
        try {
            task.get(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new EnvironmentException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new EnvironmentException(what + " did not finish within the set-up's deadline", e);
        } catch (CancellationException e) {
            throw new EnvironmentException(what + " was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while waiting for " + what, e);
        }
    }

    /** Cancels the work if it still runs and waits (bounded) until its thread has ended. */
    @Override
    public void close() {
        task.cancel(true);
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
