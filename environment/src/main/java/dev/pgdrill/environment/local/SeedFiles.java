package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.common.NoFollow;
import dev.pgdrill.environment.common.ServerFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Loads a drill's own seed files into its database on a local node, in order: SQL files with
 * {@code psql -v ON_ERROR_STOP=1} (the first error stops the set-up, with the file's line and the
 * server's message), {@code pg_dump} custom-format archives ({@code PGDMP} header) with
 * {@code pg_restore --exit-on-error}. Each file is first copied into the run's private work directory,
 * so the server user never needs to read the user's own directories.
 */
final class SeedFiles {
    /** The largest seed file loaded (a dump of a test database; a production-sized one belongs in a backup drill). */
    static final long MAX_SEED_BYTES = 1L << 30;

    private final RunContext run;
    private final LocalNode node;
    private final String database;

    SeedFiles(RunContext run, LocalNode node, String database) {
        this.run = run;
        this.node = node;
        this.database = database;
    }

    void load(List<Path> files, Poller deadline) {
        int n = 0;
        for (Path file : files) {
            Path copy = run.workDir().resolve("seed-" + ++n + (ServerFiles.isCustomArchive(file) ? ".dump" : ".sql"));
            try {
                privateCopy(file, copy);
                List<String> connection = List.of("-h", run.sock().toString(), "-p", Integer.toString(node.port()),
                        "-U", RunContext.ADMIN, "-d", database);
                ExecResult r = ServerFiles.isCustomArchive(file)
                        ? run.pgUnchecked("pg_restore", concat(List.of("--exit-on-error", "--no-owner", "--no-privileges"),
                        connection, List.of(copy.toString())), Map.of(), deadline.remainingAtLeast(Duration.ofSeconds(5)))
                        : run.pgUnchecked("psql", concat(List.of("-X", "-q", "-v", "ON_ERROR_STOP=1"), connection,
                        List.of("-f", copy.toString())), Map.of(), deadline.remainingAtLeast(Duration.ofSeconds(5)));
                if (!r.succeeded()) {
                    String output = (r.stderr().isBlank() ? r.stdout() : r.stderr()).replace(copy.toString(),
                            file.toString()).strip();
                    throw new EnvironmentException("seed file " + file + " failed on node '" + node.name()
                            + "' (database " + database + "): " + ServerUser.tail(output, 10));
                }
            } finally {
                run.user().delete(copy);
            }
        }
    }

    /** Reads the seed (a regular file, never through a link, bounded) and has the server user write the copy. */
    private void privateCopy(Path file, Path copy) {
        try (InputStream in = NoFollow.open(file)) {
            run.user().write(copy, in, MAX_SEED_BYTES);
        } catch (IOException e) {
            throw new EnvironmentException("could not read seed file " + file + ": " + e.getMessage(), e);
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
