package dev.pgdrill.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Work run on a daemon thread of its own until a deadline, which another thread can stop (a drill's
 * set-up, each step): the one place the executor waits for work, cancels it and lets it unwind.
 */
final class BoundedRun {
    /** How the work ended. */
    enum End { DONE, FAILED, TIMED_OUT, STOPPED, INTERRUPTED }

    private final FutureTask<Void> task;
    private final Thread thread;
    private volatile Throwable failure;

    BoundedRun(String threadName, Callable<Void> work) {
        this.task = new FutureTask<>(work);
        this.thread = new Thread(task, threadName);
        thread.setDaemon(true);
    }

    /** Interrupts the work (before it starts: it never runs); {@link #await} then ends {@link End#STOPPED}. */
    void stop() {
        task.cancel(true);
    }

    /**
     * Starts the work and waits until it ends or {@code until} passes; work that is stopped, timed out or
     * left by an interrupted caller is cancelled and given {@code grace} to unwind.
     */
    End await(Instant until, Duration grace) {
        thread.start();
        try {
            task.get(Math.max(1, Duration.between(Instant.now(), until).toMillis()), TimeUnit.MILLISECONDS);
            return End.DONE;
        } catch (ExecutionException e) {
            failure = e.getCause();
            return End.FAILED;
        } catch (TimeoutException | InterruptedException | CancellationException e) {
            task.cancel(true);
            try {
                thread.join(grace.toMillis());
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
            return e instanceof TimeoutException ? End.TIMED_OUT
                    : e instanceof InterruptedException ? End.INTERRUPTED : End.STOPPED;
        }
    }

    /** What the work threw, after {@link End#FAILED}. */
    Throwable failure() {
        return failure;
    }
}
