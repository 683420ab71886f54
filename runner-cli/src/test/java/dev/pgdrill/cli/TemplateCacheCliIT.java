package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster template cache from the command line, on the local backend: the journal says where each
 * run's primary came from, {@code --no-cache} and {@code PGDRILL_NO_CACHE=1} leave the cache alone,
 * {@code runner cache} lists and clears it.
 */
class TemplateCacheCliIT {
    private static final String LIBRARY = Path.of("..", "scenarios", "examples", "library-pitr.yaml").toString();

    @TempDir
    Path dir;

    private CliRun drill(Function<String, String> env, Path reports, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "--no-color";
        args[1] = "--report-dir";
        args[2] = reports.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 1] = LIBRARY;
        CliRun r = CliRun.run(Environments::factory, env, args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(r.out()).contains("PASS  every loan is back, with its member and book");
        return r;
    }

    private static String templateFact(Path reports) throws IOException {
        return new ObjectMapper().readTree(reports.resolve("journal.json").toFile()).path("facts")
                .path("template-cache").asText();
    }

    @Test
    void theJournalTellsMissThenHitAndTheCacheCommandListsAndClears() throws IOException {
        Path cache = dir.resolve("cache");
        Function<String, String> env = Map.of("PGDRILL_CACHE_DIR", cache.toString())::get;
        drill(env, dir.resolve("r1"));
        assertThat(templateFact(dir.resolve("r1"))).isEqualTo("miss");
        drill(env, dir.resolve("r2"));
        assertThat(templateFact(dir.resolve("r2"))).isEqualTo("hit");

        CliRun list = CliRun.run(Environments::factory, env, "cache");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).contains("cluster templates in " + cache).contains("database library")
                .contains("seed schema.sql, data.sql").contains("3 settings").contains(" MB ");

        CliRun clear = CliRun.run(Environments::factory, env, "cache", "clear", "--cache-dir", cache.toString());
        assertThat(clear.out()).as(clear.toString()).contains("removed 1 template from " + cache);
        try (var left = Files.list(cache)) {
            assertThat(left.toList()).isEmpty();
        }
        assertThat(CliRun.run(Environments::factory, env, "cache", "list").out()).contains("no cluster templates in");
    }

    @Test
    void noCacheAndItsVariableLeaveTheCacheDirectoryAlone() throws IOException {
        Path cache = dir.resolve("untouched");
        drill(Map.of("PGDRILL_CACHE_DIR", cache.toString())::get, dir.resolve("r1"), "--no-cache");
        assertThat(templateFact(dir.resolve("r1"))).isEqualTo("off");
        drill(Map.of("PGDRILL_CACHE_DIR", cache.toString(), "PGDRILL_NO_CACHE", "1")::get, dir.resolve("r2"));
        assertThat(templateFact(dir.resolve("r2"))).isEqualTo("off");
        assertThat(cache).doesNotExist();
    }

    @Test
    void anUnknownCacheActionIsAUsageError() {
        CliRun r = CliRun.run(Environments::factory, name -> null, "cache", "purge", "--cache-dir",
                dir.resolve("c").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.INVALID.code());
        assertThat(r.err()).contains("unknown action 'purge'");
        r.noStackTrace();
    }
}
