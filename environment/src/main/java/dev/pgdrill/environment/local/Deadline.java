package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A point in time that every wait of the set-up measures against. */
record Deadline(long nanos, Duration total) {
    static Deadline in(Duration d) {
        return new Deadline(System.nanoTime() + d.toNanos(), d);
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, nanos - System.nanoTime()));
    }

    /** At least {@code floor}, so a nearly spent deadline still gives a command a chance to report. */
    Duration remainingAtLeast(Duration floor) {
        Duration r = remaining();
        return r.compareTo(floor) < 0 ? floor : r;
    }

    boolean expired() {
        return System.nanoTime() - nanos >= 0;
    }

    /** Polls {@code condition} every 50ms until true; fails naming {@code what} at the deadline. */
    void await(String what, BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            if (expired()) {
                throw new EnvironmentException("timed out after " + total.toMillis() + "ms waiting for " + what);
            }
            Sleeps.brief(50);
        }
    }
}
