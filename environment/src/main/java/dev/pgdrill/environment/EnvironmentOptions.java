package dev.pgdrill.environment;

import java.nio.file.Path;

/**
 * Settings for environment adapters.
 *
 * @param workRoot  where per-run work directories are created (local: data dirs, archive, backups, logs)
 * @param osUser    unprivileged OS user that runs servers when the runner is root (default {@code postgres})
 * @param pgBin     PostgreSQL server binaries directory, or null to discover (PG_BIN, pg_config, usual paths)
 * @param image     PostgreSQL image for Compose and Testcontainers (default {@code postgres:15})
 */
public record EnvironmentOptions(Path workRoot, String osUser, Path pgBin, String image) {
    public static EnvironmentOptions defaults() {
        return new EnvironmentOptions(Path.of(System.getProperty("java.io.tmpdir")), "postgres", null, null);
    }
}
