package dev.pgdrill.environment;

import dev.pgdrill.environment.common.CacheDirs;
import dev.pgdrill.environment.common.WorkRoots;

import java.nio.file.Path;

/**
 * Settings for environment adapters.
 *
 * @param workRoot  where per-run work directories are created (local: data dirs, archive, backups, logs), or
 *                  null when none was chosen: the local backend then uses memory when it can
 *                  ({@link WorkRoots#automatic()}), the others {@code java.io.tmpdir}
 * @param osUser    unprivileged OS user that runs servers when the runner is root (default {@code postgres})
 * @param pgBin     PostgreSQL server binaries directory, or null to discover (PG_BIN, pg_config, usual paths)
 * @param image     PostgreSQL image for Compose and Testcontainers (default {@code postgres:15})
 * @param cacheDir  the local backend's cluster template cache, or null for none (initdb and seed every drill)
 */
public record EnvironmentOptions(Path workRoot, String osUser, Path pgBin, String image, Path cacheDir) {
    /** Options with the default cache directory ({@link CacheDirs#defaultDir}). */
    public EnvironmentOptions(Path workRoot, String osUser, Path pgBin, String image) {
        this(workRoot, osUser, pgBin, image, CacheDirs.defaultDir(System::getenv));
    }

    /** The work root chosen by {@code PGDRILL_WORK_ROOT} or {@code -Djava.io.tmpdir} (else none), the default cache. */
    public static EnvironmentOptions defaults() {
        return new EnvironmentOptions(WorkRoots.chosen(System::getenv, System.getProperty("java.io.tmpdir")), "postgres",
                null, null);
    }

    /** These options with another work root (null: none chosen, see {@link #workRoot}). */
    public EnvironmentOptions withWorkRoot(Path root) {
        return new EnvironmentOptions(root, osUser, pgBin, image, cacheDir);
    }

    /** These options with another cache directory (null: no cache). */
    public EnvironmentOptions withCacheDir(Path dir) {
        return new EnvironmentOptions(workRoot, osUser, pgBin, image, dir);
    }
}
