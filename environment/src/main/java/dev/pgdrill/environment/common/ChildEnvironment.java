package dev.pgdrill.environment.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment of every process the runner starts (servers, PostgreSQL tools, {@code kill},
 * {@code chown}, the Docker and Compose command lines): built on purpose from a short allowlist,
 * never inherited. The caller's libpq variables ({@code PGPASSWORD}, {@code PGUSER},
 * {@code PGHOST}, {@code PGOPTIONS}, {@code PGSERVICE}, {@code PGPASSFILE}, ... every {@code PG*})
 * never reach a child, nor do pgBackRest's ({@code PGBACKREST_REPO1_PATH}, {@code PGBACKREST_STANZA}, ...
 * every {@code PGBACKREST_*}); only the values the runner sets itself do.
 *
 * <p>Kept from the caller: {@code PATH}, the locale ({@code LANG}, {@code LANGUAGE},
 * {@code LC_*}), {@code TZ} and {@code TMPDIR}. PostgreSQL tools get {@code HOME} set to the
 * run's directory, so no {@code ~/.pgpass}, {@code ~/.pg_service.conf} or {@code ~/.psqlrc} of
 * the caller is read. The Docker command lines also keep {@code HOME} (the CLI's configuration
 * and plugins live there) and the {@code DOCKER_*} variables that choose the engine
 * ({@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, {@code DOCKER_CONFIG}, TLS settings).
 */
public final class ChildEnvironment {
    private static final List<String> KEPT = List.of("PATH", "LANG", "LANGUAGE", "TZ", "TMPDIR");
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ChildEnvironment() {
    }

    /** For PostgreSQL tools and servers: the allowlist of {@code caller}, with {@code HOME} = {@code home} when given. */
    public static Map<String, String> forTools(Map<String, String> caller, Path home) {
        Map<String, String> env = new TreeMap<>();
        caller.forEach((name, value) -> {
            if (KEPT.contains(name) || name.startsWith("LC_")) {
                env.put(name, value);
            }
        });
        env.putIfAbsent("PATH", DEFAULT_PATH);
        if (home != null) {
            env.put("HOME", home.toString());
        }
        return env;
    }

    /** For the Docker and Compose command lines: as {@link #forTools} plus the caller's {@code HOME} and {@code DOCKER_*}. */
    public static Map<String, String> forDocker(Map<String, String> caller) {
        Map<String, String> env = forTools(caller, null);
        caller.forEach((name, value) -> {
            if (name.equals("HOME") || name.startsWith("DOCKER_")) {
                env.put(name, value);
            }
        });
        return env;
    }

    /** Replaces the environment {@code pb} would inherit with {@code base} plus {@code extra} (the runner's own values). */
    public static ProcessBuilder apply(ProcessBuilder pb, Map<String, String> base, Map<String, String> extra) {
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(base);
        env.putAll(extra);
        return pb;
    }
}
