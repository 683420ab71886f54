package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.environment.common.ChildEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory holding the PostgreSQL server programs used by the local environment.
 *
 * <p>Discovery order: the explicit option, the {@code PG_BIN} environment variable,
 * {@code pg_config --bindir} on the PATH, then the usual install locations (newest version
 * first). An explicit option or {@code PG_BIN} that does not hold the programs is an error of
 * its own (it is not silently skipped).
 */
public record PgBinaries(Path binDir) {
    /** Programs the local environment runs. */
    static final List<String> REQUIRED = List.of("initdb", "pg_ctl", "postgres", "pg_basebackup", "psql");

    public Path bin(String program) {
        return binDir.resolve(program);
    }

    /** Discovers the binaries for this machine. */
    public static PgBinaries discover(Path explicit) {
        return discover(explicit, null);
    }

    /**
     * Discovers the binaries of PostgreSQL {@code major} (null: any version, the newest of the usual
     * locations); an explicit directory or {@code PG_BIN} must then hold that version.
     */
    public static PgBinaries discover(Path explicit, Integer major) {
        return discover(explicit, System.getenv(), PgBinaries::pgConfigBindir, usualLocations(), major);
    }

    static PgBinaries discover(Path explicit, Map<String, String> env, Supplier<Optional<Path>> pgConfig,
                               List<Path> usual) {
        return discover(explicit, env, pgConfig, usual, null);
    }

    /**
     * Discovery with every input injectable (for tests).
     *
     * @param pgConfig returns the output of {@code pg_config --bindir}, if that program exists
     * @param major    the major version required, or null for any
     */
    static PgBinaries discover(Path explicit, Map<String, String> env, Supplier<Optional<Path>> pgConfig,
                               List<Path> usual, Integer major) {
        if (explicit != null) {
            return ofVersion(checked(explicit, "the configured PostgreSQL bin directory"), major,
                    "the configured PostgreSQL bin directory");
        }
        String fromEnv = env.get("PG_BIN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return ofVersion(checked(Path.of(fromEnv), "PG_BIN"), major, "PG_BIN");
        }
        Optional<Path> viaPgConfig = pgConfig.get().filter(PgBinaries::complete)
                .filter(dir -> major == null || major.equals(majorOf(dir)));
        if (viaPgConfig.isPresent()) {
            return new PgBinaries(viaPgConfig.get());
        }
        for (Path candidate : usual) {
            if (complete(candidate) && (major == null || major.equals(majorOf(candidate)))) {
                return new PgBinaries(candidate);
            }
        }
        if (major != null) {
            throw new EnvironmentException("no PostgreSQL " + major + " server binaries found (looked at PG_BIN, "
                    + "pg_config --bindir on the PATH, and the usual locations such as /usr/lib/postgresql/" + major
                    + "/bin). Install the server, e.g. on Debian/Ubuntu `apt-get install postgresql-" + major
                    + "` (from the PGDG repository where your release lacks it), or set PG_BIN to its bin directory; "
                    + "or run with `--env compose --pg-version " + major + "` to use Docker instead");
        }
        throw new EnvironmentException("no PostgreSQL server binaries found (looked at PG_BIN, pg_config --bindir "
                + "on the PATH, and " + usual.size() + " usual locations such as /usr/lib/postgresql/<version>/bin). "
                + "Install the server, e.g. on Debian/Ubuntu `apt-get install postgresql-15`, on Fedora "
                + "`dnf install postgresql-server`, on macOS `brew install postgresql@15`; or set PG_BIN to the "
                + "directory holding initdb and pg_ctl; or run with `--env compose` to use Docker instead");
    }

    private static PgBinaries checked(Path dir, String source) {
        List<String> missing = missing(dir);
        if (!missing.isEmpty()) {
            throw new EnvironmentException(source + " points at " + dir + ", which lacks " + String.join(", ", missing)
                    + ": point it at the bin directory of a PostgreSQL server installation (e.g. "
                    + "/usr/lib/postgresql/15/bin after `apt-get install postgresql-15`), or run with "
                    + "`--env compose` to use Docker instead");
        }
        return new PgBinaries(dir.toAbsolutePath());
    }

    private static PgBinaries ofVersion(PgBinaries bins, Integer major, String source) {
        Integer found = major == null ? null : majorOf(bins.binDir());
        if (major != null && !major.equals(found)) {
            throw new EnvironmentException(source + " points at " + bins.binDir() + ", which holds PostgreSQL "
                    + (found == null ? "of an unknown version" : found) + ", not " + major + ": point it at the bin "
                    + "directory of PostgreSQL " + major + " (e.g. /usr/lib/postgresql/" + major + "/bin after `apt-get "
                    + "install postgresql-" + major + "`), or run with `--env compose --pg-version " + major + "`");
        }
        return bins;
    }

    /** The major version of the server in {@code dir}, from {@code postgres --version}; null when it does not say. */
    static Integer majorOf(Path dir) {
        try {
            Process p = ChildEnvironment.apply(new ProcessBuilder(dir.resolve("postgres").toString(), "--version"),
                    ChildEnvironment.forTools(System.getenv(), null), Map.of()).redirectErrorStream(true).start();
            if (!p.waitFor(PG_CONFIG_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            Matcher m = VERSION.matcher(new String(p.getInputStream().readAllBytes()));
            return m.find() ? Integer.valueOf(m.group(1)) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The major version in {@code postgres --version}: "postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)". */
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    static boolean complete(Path dir) {
        return missing(dir).isEmpty();
    }

    private static List<String> missing(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String program : REQUIRED) {
            if (!Files.isExecutable(dir.resolve(program))) {
                missing.add(program);
            }
        }
        return missing;
    }

    /** A pg_config that does not answer within this is skipped (discovery goes on with the usual paths). */
    private static final long PG_CONFIG_TIMEOUT_SECONDS = 10;

    private static Optional<Path> pgConfigBindir() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(":")) {
            Path pgConfig = Path.of(dir.isEmpty() ? "." : dir, "pg_config");
            if (Files.isExecutable(pgConfig)) {
                try {
                    Process p = ChildEnvironment.apply(new ProcessBuilder(pgConfig.toString(), "--bindir"),
                            ChildEnvironment.forTools(System.getenv(), null), Map.of()).redirectErrorStream(true).start();
                    // its output is one short line, well within the pipe buffer: wait first, then read
                    if (!p.waitFor(PG_CONFIG_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        continue;
                    }
                    String out = new String(p.getInputStream().readAllBytes()).trim();
                    if (p.exitValue() == 0 && !out.isEmpty()) {
                        return Optional.of(Path.of(out));
                    }
                } catch (IOException e) {
                    return Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Usual install locations, newest version first. */
    static List<Path> usualLocations() {
        List<Path> result = new ArrayList<>();
        for (String versioned : List.of("/usr/lib/postgresql", "/usr/pgsql-", "/opt/homebrew/opt/postgresql@",
                "/usr/local/opt/postgresql@")) {
            result.addAll(versionedDirs(versioned));
        }
        result.addAll(List.of(Path.of("/usr/local/pgsql/bin"), Path.of("/opt/homebrew/bin"),
                Path.of("/usr/local/bin"), Path.of("/usr/bin"),
                Path.of("/Applications/Postgres.app/Contents/Versions/latest/bin")));
        return result;
    }

    /** For "/usr/lib/postgresql" lists /usr/lib/postgresql/N/bin; for a prefix like "/usr/pgsql-" lists /usr/pgsql-N/bin. */
    private static List<Path> versionedDirs(String base) {
        boolean prefix = !base.endsWith("postgresql");
        Path parent = prefix ? Path.of(base).getParent() : Path.of(base);
        String namePrefix = prefix ? Path.of(base).getFileName().toString() : "";
        if (parent == null || !Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children
                    .filter(p -> p.getFileName().toString().startsWith(namePrefix))
                    .filter(p -> version(p.getFileName().toString().substring(namePrefix.length())) >= 0)
                    .sorted(Comparator.comparingDouble(
                            (Path p) -> version(p.getFileName().toString().substring(namePrefix.length()))).reversed())
                    .map(p -> p.resolve("bin"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static double version(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
