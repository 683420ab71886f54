package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.StopMode;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** What {@link BackendEnvironment}'s sequences need of a node beyond the {@link Node} port. */
public interface BackendNode extends Node {
    /**
     * Stops the server whatever it takes, thawing it first: {@code first} mode, then immediate, then
     * SIGKILL, each attempt given {@code perAttempt}. Does nothing when it is not running.
     */
    void shutDown(StopMode first, Duration perAttempt);

    @Override
    default Connection connect(String database) throws SQLException {
        return Jdbc.connect(connectionInfo(), database);
    }
}
