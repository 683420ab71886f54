package dev.pgdrill.engine.wait;

import dev.pgdrill.engine.model.Durations;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one way to wait: polls a probe until a condition holds or a deadline passes, pausing
 * between polls with a doubling backoff, and remembers the last value seen so a timeout says
 * what it saw ({@code timed out after 60s waiting for pg_is_in_recovery() = false on node
 * 'primary' (last: true)}). A probe that throws counts as "not yet"; its message becomes the last
 * value, unless the probe was cut short (cancelled or interrupted, as when the wait's own deadline stops it):
 * that says how the wait ended, not what it saw, so the state seen before it stays the last value. Steps wait
 * through {@code StepContext.await}, the backends through this class directly.
 *
 * <pre>{@code
 * Poller.within(Duration.ofSeconds(60))
 *       .poll("pg_is_in_recovery() = false on node 'primary'", probe, v -> !v, String::valueOf)
 *       .orElseThrow(StepFailure::new);
 * }</pre>
 */
public final class Poller {
    private final long deadlineNanos;
    private final Duration firstPause;
    private final Duration maxPause;
    private final BiConsumer<String, String> progress;

    private Poller(long deadlineNanos, Duration firstPause, Duration maxPause, BiConsumer<String, String> progress) {
        this.deadlineNanos = deadlineNanos;
        this.firstPause = firstPause;
        this.maxPause = maxPause;
        this.progress = progress;
    }

    /** The first pause of {@link #within}: most waits end within a few polls. */
    public static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    /** The longest pause of {@link #within}: a condition that became true is seen at most this late. */
    public static final Duration MAX_PAUSE = Duration.ofMillis(20);

    /**
     * Waits at most {@code timeout} from now ({@link #FIRST_PAUSE} first, then {@link #MAX_PAUSE}). Short
     * pauses: most waits end within a second (promotion, archiving, replay), and each pause is time added
     * to the drill after the condition became true; a probe (a query on a local connection) costs far less.
     */
    public static Poller within(Duration timeout) {
        return new Poller(System.nanoTime() + timeout.toNanos(), FIRST_PAUSE, MAX_PAUSE, (a, b) -> { });
    }

    /** The pause after the first poll, doubled after each further poll up to {@code max}. */
    public Poller pausing(Duration first, Duration max) {
        return new Poller(deadlineNanos, first, max, progress);
    }

    /** Receives (what is awaited, last value seen) after every poll. */
    public Poller reporting(BiConsumer<String, String> listener) {
        return new Poller(deadlineNanos, firstPause, maxPause, listener);
    }

    /** Time left before the deadline (never negative). */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** At least {@code floor}, so a nearly spent deadline still gives a command a chance to report. */
    public Duration remainingAtLeast(Duration floor) {
        Duration r = remaining();
        return r.compareTo(floor) < 0 ? floor : r;
    }

    public boolean expired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /**
     * Polls {@code probe} until {@code done} holds for its value or the deadline passes; the probe
     * runs at least once, and once more at the deadline.
     *
     * @param what     what is awaited, for progress and messages
     * @param describe turns a probed value into text for messages
     */
    public <T> Outcome<T> poll(String what, Probe<T> probe, Predicate<T> done, Function<T, String> describe)
            throws InterruptedException {
        long started = System.nanoTime();
        String last = "nothing observed yet";
        long pause = Math.max(1, firstPause.toMillis());
        while (true) {
            try {
                T value = probe.get();
                last = describe.apply(value);
                if (done.test(value)) {
                    progress.accept(what, last);
                    return new Outcome<>(what, true, false, value, last, Duration.ofNanos(System.nanoTime() - started));
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!cutShort(e)) {
                    last = "error: " + firstLine(e);
                }
            }
            progress.accept(what, last);
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return new Outcome<>(what, false, false, null, last, Duration.ofNanos(System.nanoTime() - started));
            }
            Thread.sleep(Math.max(1, Math.min(pause, left / 1_000_000)));
            pause = Math.min(pause * 2, Math.max(1, maxPause.toMillis()));
        }
    }

    /**
     * {@link #poll} of a yes/no condition, for code that cannot pass an interruption on: an
     * interruption ends the wait unreached (the thread's interrupt flag is set again).
     */
    public Outcome<Boolean> poll(String what, BooleanSupplier condition) {
        long started = System.nanoTime();
        try {
            return poll(what, condition::getAsBoolean, v -> v, v -> v ? "yes" : "no");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome<>(what, false, true, null, "interrupted",
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Whether a probe's failure is its cancellation or interruption (anywhere in its causes), not a state seen. */
    static boolean cutShort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CancellationException || t instanceof InterruptedException
                    || t instanceof InterruptedIOException || t instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /** The first line of an exception's message, or its class name. */
    public static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** A value source; may throw (a refused connection means "not yet"). */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    /**
     * How a wait ended.
     *
     * @param reached     whether the condition held
     * @param interrupted whether the waiting thread was interrupted
     * @param value       the value that satisfied the condition (null when not reached)
     * @param last        the last value seen, described
     * @param waited      how long the wait took
     */
    public record Outcome<T>(String what, boolean reached, boolean interrupted, T value, String last,
                             Duration waited) {
        /** {@code timed out after 60s waiting for <what> (last: <last>)}, or {@code interrupted after ...}. */
        public String message() {
            return (interrupted ? "interrupted" : "timed out") + " after " + Durations.format(waited)
                    + " waiting for " + what + " (last: " + last + ")";
        }

        /** The value, or {@code failure} applied to {@link #message()} when the condition was not reached. */
        public <X extends Exception> T orElseThrow(Function<String, X> failure) throws X {
            if (!reached) {
                throw failure.apply(message());
            }
            return value;
        }
    }
}
