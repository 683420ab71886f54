package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.NodeSql;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.time.Duration;

/** Helpers for the local integration tests: the PostgreSQL check and polling (JDBC helpers: {@link NodeSql}). */
final class Sql {
    private Sql() {
    }

    static void assumePostgresInstalled() {
        boolean found;
        try {
            PgBinaries.discover(null);
            found = true;
        } catch (RuntimeException e) {
            found = false;
        }
        Assumptions.assumeTrue(found, "PostgreSQL server binaries are not installed here: local environment "
                + "integration tests skipped");
    }

    /** A local backend factory whose cluster templates are cached in {@code cacheDir}. */
    static EnvironmentFactory factoryCachingIn(Path cacheDir) {
        return Environments.factory("local", EnvironmentOptions.defaults().withCacheDir(cacheDir));
    }

    /** Polls {@code check} every 50 ms (exceptions count as false) until true or the timeout, then fails. */
    static void await(Duration timeout, String what, NodeSql.Check check) throws InterruptedException {
        NodeSql.await(timeout, Duration.ofMillis(50), what, check);
    }
}
