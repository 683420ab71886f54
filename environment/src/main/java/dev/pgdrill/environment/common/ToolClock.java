package dev.pgdrill.environment.local;

import java.util.concurrent.atomic.LongAdder;

/**
 * Wall time this JVM spent waiting for external programs of the local backend (initdb, pg_ctl,
 * psql, pg_basebackup, cp, chown...), summed over every thread since start. Read by the benchmark
 * ({@code PGDRILL_STATS}) to separate PostgreSQL's tools from the engine's own time.
 */
public final class ToolClock {
    private static final LongAdder NANOS = new LongAdder();
    private static final LongAdder RUNS = new LongAdder();

    private ToolClock() {
    }

    static void add(long nanos) {
        NANOS.add(nanos);
        RUNS.increment();
    }

    /** Total wall time of external programs run so far, in milliseconds. */
    public static long millis() {
        return NANOS.sum() / 1_000_000;
    }

    /** How many external programs were run so far. */
    public static long runs() {
        return RUNS.sum();
    }
}
