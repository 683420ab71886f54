package dev.pgdrill.engine.env;

/**
 * Wall time a backend spent waiting for external programs (PostgreSQL's tools, {@code docker
 * compose}, helper containers, {@code docker exec}), for the benchmark to separate them from the
 * engine's own time.
 *
 * @param millis total wall time of those programs, in milliseconds
 * @param runs   how many were run
 */
public record ToolTime(long millis, long runs) {
    /** Nothing measured (a backend that runs no external programs). */
    public static final ToolTime NONE = new ToolTime(0, 0);
}
