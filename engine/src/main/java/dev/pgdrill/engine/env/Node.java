package dev.pgdrill.engine.env;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One PostgreSQL server of a drill environment. Implementations are the local process backend
 * and the Compose backend; steps only see this contract. Methods that change state return once
 * the change is done (a stop has stopped, a pause has frozen every process), or throw
 * {@link EnvironmentException} with context. None of them waits for readiness: steps poll
 * with their own deadline.
 */
public interface Node {
    /** Name used in scenarios: {@code primary}, {@code replica}, or one created by a restore. */
    String name();

    /** Where the runner reaches this node's SQL port. */
    ConnectionInfo connectionInfo();

    /** A new JDBC connection to the drill database as the admin user; short connect timeout. */
    default Connection connect() throws SQLException {
        return connect(connectionInfo().database());
    }

    /** A new JDBC connection to {@code database} as the admin user. */
    Connection connect(String database) throws SQLException;

    /** True while the server process (or container) is running, frozen or not. */
    boolean isRunning();

    /** Starts a stopped server; returns when the start was issued (not when it is ready). */
    void start();

    /** Stops the server with {@code mode} and returns when it is down. */
    void stop(StopMode mode);

    /** SIGKILL to the server (postmaster first, then every child); returns when all are gone. */
    void kill();

    /** Freezes every process of the server (postmaster first), as {@code docker pause}. */
    void pause();

    /** Thaws what {@link #pause()} froze. */
    void resume();

    boolean isPaused();

    /** Deletes the node's data directory (the server must be stopped; stops it if not). */
    void wipe();

    /**
     * Runs a command in the node's context (locally: with PGHOST/PGPORT/PGDATA/PGUSER/PGDATABASE set,
     * as the server's OS user; Compose: {@code docker exec}).
     */
    ExecResult exec(List<String> command, Map<String, String> env, Duration timeout);

    /** Current end of the server log, for {@link #logSince(long)}. */
    long logPosition();

    /** Server log lines written after {@code position}. */
    List<String> logSince(long position);

    /** The last {@code lines} lines of the server log. */
    List<String> logTail(int lines);
}
