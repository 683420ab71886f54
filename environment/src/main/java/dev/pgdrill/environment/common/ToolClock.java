package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.ToolTime;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Wall time this JVM spent waiting for external programs of the backends (initdb, pg_ctl, psql,
 * pg_basebackup, cp, {@code docker compose}, helper containers, {@code docker exec}...), summed
 * over every thread since start. Reported through {@code EnvironmentFactory.toolTime()}.
 */
public final class ToolClock {
    private static final LongAdder NANOS = new LongAdder();
    private static final LongAdder RUNS = new LongAdder();

    private ToolClock() {
    }

    /** Counts one program that ran for {@code nanos}. */
    public static void add(long nanos) {
        NANOS.add(nanos);
        RUNS.increment();
    }

    /** Runs {@code program} and counts its wall time, also when it fails. */
    public static <T> T timed(Supplier<T> program) {
        long started = System.nanoTime();
        try {
            return program.get();
        } finally {
            add(System.nanoTime() - started);
        }
    }

    /** Total so far. */
    public static ToolTime time() {
        return new ToolTime(NANOS.sum() / 1_000_000, RUNS.sum());
    }
}
