package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.ExecResult;

import java.time.Duration;
import java.util.List;

/**
 * What a backup tool's provider needs of a backend: run the tool where the servers live, as their
 * OS user and with an environment built on purpose ({@link ChildEnvironment}: none of the runner's
 * {@code PG*} or {@code PGBACKREST_*} variables), and a node's data directory as that place sees it.
 *
 * @param <N> the backend's node type
 */
public interface ToolHost<N extends BackendNode> {
    /** Runs {@code command} as the server user; never throws for a non-zero exit, only when it cannot run. */
    ExecResult run(List<String> command, Duration timeout);

    /**
     * Runs {@code command} as the server user where {@code node}'s data directory is (on a backend with
     * one place for all nodes, the same as {@link #run}); also while its server is stopped, for a restore.
     */
    default ExecResult runOn(N node, List<String> command, Duration timeout) {
        return run(command, timeout);
    }

    /** Writes {@code text} into {@code path}, readable only by the server user. */
    void writePrivate(String path, String text);

    /** The lines of {@code path}, empty when it does not exist. */
    List<String> readLines(String path);

    /** The run's directory for the backup tool's configuration, repository, logs and locks, as this place sees it. */
    String toolHome();

    /** The servers' unix socket directory as this place sees it (a tool connects as the server user through it). */
    String socketDir();

    /** The superuser a tool connects as, when it is not the server's OS user; null (the default): that user. */
    default String dbUser() {
        return null;
    }

    /** {@code node}'s data directory. */
    String dataDir(N node);

    /** The port {@code node}'s server listens on, as the tool reaches it. */
    int port(N node);

    /** Removes {@code node}'s data directory (the server is stopped), so a restore starts from nothing. */
    void clear(N node);

    /** Makes a restored data directory {@code node}'s own: its port, no upstream, owned by the server user. */
    void adopt(N node);
}
