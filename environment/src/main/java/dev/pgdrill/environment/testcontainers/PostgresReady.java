package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.engine.env.ConnectionInfo;
import dev.pgdrill.environment.common.Jdbc;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Waits until PostgreSQL in the container really serves: a {@code SELECT 1} from the runner over the
 * published 127.0.0.1 port with the run's credentials, asked every 50 ms. The socket-only server that runs
 * the image's init scripts takes no TCP connection, so it cannot answer; a log line alone is not trusted
 * (the entrypoint prints "ready to accept connections" twice).
 */
final class PostgresReady extends AbstractWaitStrategy {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int LAST_WORDS = 20;
    private final ConnectionInfo info;
    private volatile String lastProblem = "not checked yet";

    PostgresReady(ConnectionInfo info) {
        this.info = info;
    }

    @Override
    protected void waitUntilReady() {
        Instant deadline = Instant.now().plus(startupTimeout);
        while (true) {
            if (ready()) {
                return;
            }
            if (!waitStrategyTarget.isRunning()) {
                throw new ContainerLaunchException("the PostgreSQL container exited while starting; last problem: "
                        + lastProblem + lastWords());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ContainerLaunchException("PostgreSQL not ready within " + startupTimeout.toSeconds()
                        + "s on 127.0.0.1:" + info.port() + ": " + lastProblem);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("interrupted while waiting for PostgreSQL", e);
            }
        }
    }

    /** The exited container's last log lines (the server's own FATAL, a seed file's error), or nothing when unreadable. */
    private String lastWords() {
        try {
            List<String> lines = waitStrategyTarget.getLogs().lines().toList();
            return lines.isEmpty() ? "" : "; the container's last log lines:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - LAST_WORDS), lines.size()));
        } catch (RuntimeException e) {
            return "";
        }
    }

    private boolean ready() {
        try (Connection c = Jdbc.connect(info, info.database()); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            lastProblem = "SELECT 1 over 127.0.0.1:" + info.port() + " failed: " + e.getMessage();
            return false;
        }
    }
}
