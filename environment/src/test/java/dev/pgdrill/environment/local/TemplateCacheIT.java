package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.environment.NodeSql;
import dev.pgdrill.environment.common.CacheDirs;
import dev.pgdrill.environment.common.Directories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster template cache on real local servers: a hit gives the rows a miss gives, the key follows
 * the seed's content, a damaged entry is rebuilt, parallel builds of one key leave one entry, an
 * unsafe cache directory is not used.
 */
class TemplateCacheIT {
    private static final Duration SET_UP = Duration.ofSeconds(120);
    /**
     * Every table of the public schema with its row count and an MD5 of its rows, but for the seed's
     * {@code DEFAULT CURRENT_TIMESTAMP} columns: those hold the time the seed ran (a template's build).
     */
    private static final String FINGERPRINT = "SELECT string_agg(c.relname || ':' || (xpath('/row/f/text()', "
            + "query_to_xml(format('SELECT count(*) || ''/'' || md5(coalesce(string_agg(r, '','' ORDER BY r)"
            + ", '''')) AS f FROM (SELECT (to_jsonb(t) - ''registrationdate'' - ''orderdate'')::text AS r FROM %I t) s', c.relname), false, true, '')))[1]::text, ' ' ORDER BY c.relname) "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
            + "AND c.relkind = 'r'";
    /** The same with every column: two set-ups from one template agree on the seed's timestamps too. */
    private static final String EXACT = FINGERPRINT.replace(" - ''registrationdate'' - ''orderdate''", "");

    @TempDir
    Path dir;

    @BeforeAll
    static void postgres() {
        Sql.assumePostgresInstalled();
    }

    /** Sets up, returns the fingerprint of the primary's database (and checks the replica got the same). */
    private static String setUpAndFingerprint(EnvironmentFactory factory, String name, EnvironmentSpec spec)
            throws Exception {
        return setUpAndFingerprint(factory, name, spec, FINGERPRINT);
    }

    private static String setUpAndFingerprint(EnvironmentFactory factory, String name, EnvironmentSpec spec,
                                              String query) throws Exception {
        try (Environment env = factory.create(name, spec)) {
            env.setUp(SET_UP);
            Node primary = env.node("primary").orElseThrow();
            Node replica = env.node("replica").orElseThrow();
            String fingerprint = NodeSql.queryString(primary, query);
            Sql.await(Duration.ofSeconds(30), "the replica to have the primary's rows",
                    () -> fingerprint.equals(NodeSql.queryString(replica, query)));
            NodeSql.exec(primary, "CREATE TABLE written_after_set_up (id int)");
            return fingerprint;
        }
    }

    private static List<String> entries(Path cacheDir) throws Exception {
        try (Stream<Path> all = Files.list(cacheDir)) {
            return all.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static EnvironmentSpec library() {
        Path examples = Path.of("..", "scenarios", "examples", "library");
        return new EnvironmentSpec(null, null, "library", List.of(examples.resolve("schema.sql"),
                examples.resolve("data.sql")), Map.of("work_mem", "8MB"));
    }

    @Test
    void aHitHasTheRowsOfAMissForTheBuiltInSeedAndTheLibraryExample() throws Exception {
        Path cache = dir.resolve("cache");
        EnvironmentFactory factory = Sql.factoryCachingIn(cache);
        String missed = setUpAndFingerprint(factory, "tc-miss", EnvironmentSpec.defaults(), EXACT);
        assertThat(factory.facts()).containsEntry("template-cache", "miss");
        String hit = setUpAndFingerprint(factory, "tc-hit", EnvironmentSpec.defaults(), EXACT);
        assertThat(factory.facts()).containsEntry("template-cache", "1 hit, 1 miss");
        assertThat(hit).as("every row and column, timestamps too").isEqualTo(missed).contains("customers:2/")
                .doesNotContain("written_after_set_up");
        assertThat(setUpAndFingerprint(Sql.factoryCachingIn(null), "tc-off", EnvironmentSpec.defaults()))
                .as("the same rows without the cache (but for the seed's timestamps)")
                .isEqualTo(setUpAndFingerprint(factory, "tc-hit2", EnvironmentSpec.defaults()));

        String libraryMiss = setUpAndFingerprint(factory, "tc-lib-miss", library());
        String libraryHit = setUpAndFingerprint(factory, "tc-lib-hit", library());
        assertThat(libraryHit).isEqualTo(libraryMiss).contains("loans:").isNotEqualTo(missed);
        assertThat(factory.facts()).containsEntry("template-cache", "3 hit, 2 miss");
        assertThat(entries(cache)).hasSize(2);
        assertThat(Files.getPosixFilePermissions(cache)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(new TemplateCache(cache).list()).allSatisfy(e -> assertThat(e.facts()).containsKeys("server",
                "listing-sha256"));
    }

    @Test
    void aChangedSeedFileIsAnotherKey() throws Exception {
        Path cache = dir.resolve("cache");
        Path seed = Files.writeString(dir.resolve("seed.sql"), "CREATE TABLE pets (name text); INSERT INTO pets VALUES ('Rex');");
        EnvironmentSpec spec = new EnvironmentSpec(null, null, "petshop", List.of(seed), Map.of());
        EnvironmentFactory factory = Sql.factoryCachingIn(cache);
        assertThat(setUpAndFingerprint(factory, "tc-seed1", spec)).startsWith("pets:1/");
        Files.writeString(seed, "CREATE TABLE pets (name text); INSERT INTO pets VALUES ('Rex'), ('Tom');");
        assertThat(setUpAndFingerprint(factory, "tc-seed2", spec)).as("the changed seed's rows, not the cached ones")
                .startsWith("pets:2/");
        assertThat(factory.facts()).containsEntry("template-cache", "miss");
        assertThat(entries(cache)).hasSize(2);
    }

    @Test
    void aDamagedOrHalfWrittenEntryIsRebuilt() throws Exception {
        Path cache = dir.resolve("cache");
        String first = setUpAndFingerprint(Sql.factoryCachingIn(cache), "tc-first", EnvironmentSpec.defaults());
        String key = entries(cache).get(0);
        Files.delete(cache.resolve(key).resolve("data").resolve("PG_VERSION"));
        Path halfWritten = Files.createDirectories(cache.resolve(".tmp-" + key.substring(0, 16) + "-dead"));

        EnvironmentFactory again = Sql.factoryCachingIn(cache);
        assertThat(setUpAndFingerprint(again, "tc-rebuilt", EnvironmentSpec.defaults())).isEqualTo(first);
        assertThat(again.facts()).as("the damaged entry was not used").containsEntry("template-cache", "miss");
        assertThat(entries(cache)).as("rebuilt, the leftovers removed").containsExactly(key);
        assertThat(halfWritten).doesNotExist();
        assertThat(cache.resolve(key).resolve("data").resolve("PG_VERSION")).exists();

        Files.delete(cache.resolve(key).resolve(TemplateManifest.FILE)); // as if the rename came before the manifest
        EnvironmentFactory third = Sql.factoryCachingIn(cache);
        assertThat(setUpAndFingerprint(third, "tc-no-manifest", EnvironmentSpec.defaults())).isEqualTo(first);
        assertThat(third.facts()).containsEntry("template-cache", "miss");
        assertThat(setUpAndFingerprint(third, "tc-whole-again", EnvironmentSpec.defaults())).isEqualTo(first);
        assertThat(third.facts()).containsEntry("template-cache", "1 hit, 1 miss");

        Files.setPosixFilePermissions(cache.resolve(key), PosixFilePermissions.fromString("rwxrwx---"));
        EnvironmentFactory fourth = Sql.factoryCachingIn(cache);
        assertThat(setUpAndFingerprint(fourth, "tc-group-writable", EnvironmentSpec.defaults())).isEqualTo(first);
        assertThat(fourth.facts()).as("an entry others may write is not used").containsEntry("template-cache", "miss");
        assertThat(Files.getPosixFilePermissions(cache.resolve(key))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void twoParallelSetUpsOfOneKeyBothSucceedAndLeaveOneEntry() throws Exception {
        Path cache = dir.resolve("cache");
        EnvironmentFactory one = Sql.factoryCachingIn(cache);
        EnvironmentFactory other = Sql.factoryCachingIn(cache); // as another runner process would: only the file lock is shared
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = pool.submit(() -> setUpAndFingerprint(one, "tc-par-a", EnvironmentSpec.defaults()));
            Future<String> b = pool.submit(() -> setUpAndFingerprint(other, "tc-par-b", EnvironmentSpec.defaults()));
            assertThat(a.get()).isEqualTo(b.get()).contains("customers:");
        } finally {
            pool.shutdownNow();
        }
        assertThat(entries(cache)).hasSize(1);
        assertThat(Map.of("a", one.facts().get("template-cache"), "b", other.facts().get("template-cache")))
                .as("one built it, the other waited and copied it").containsValues("miss", "hit");
    }

    @Test
    void aCacheDirectoryWritableByOthersIsNotUsed() throws Exception {
        Path cache = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        EnvironmentFactory factory = Sql.factoryCachingIn(cache);
        assertThat(setUpAndFingerprint(factory, "tc-open", EnvironmentSpec.defaults())).contains("customers:");
        assertThat(factory.facts()).containsEntry("template-cache", "off");
        try (Stream<Path> all = Files.list(cache)) {
            assertThat(all.toList()).as("nothing written into it").isEmpty();
        }
        Directories.deleteRecursively(cache);
    }

    @Test
    void withoutACacheNothingIsCreated() throws Exception {
        EnvironmentFactory factory = Sql.factoryCachingIn(null);
        setUpAndFingerprint(factory, "tc-none", EnvironmentSpec.defaults());
        assertThat(factory.facts()).containsEntry("template-cache", "off");
        assertThat(CacheDirs.defaultDir(Map.of("PGDRILL_NO_CACHE", "1")::get)).isNull();
        assertThat(CacheDirs.defaultDir(Map.of("PGDRILL_CACHE_DIR", "/x/y")::get)).isEqualTo(Path.of("/x/y"));
        assertThat(CacheDirs.defaultDir(Map.of("XDG_CACHE_HOME", "/xdg")::get)).isEqualTo(Path.of("/xdg/pgdrill"));
    }
}
