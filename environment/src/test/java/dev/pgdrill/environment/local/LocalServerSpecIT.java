package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.ConnectionInfo;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.postgres.ServerVersions;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.NodeSql;
import dev.pgdrill.environment.common.ServerFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The drill's own database, seed files (SQL and pg_dump archives) and server settings on real local servers. */
class LocalServerSpecIT {
    private static final Duration SET_UP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @BeforeAll
    static void postgres() {
        Sql.assumePostgresInstalled();
    }

    private static Environment create(String name, EnvironmentSpec spec) {
        return Environments.factory("local", EnvironmentOptions.defaults()).create(name, spec);
    }

    private static EnvironmentSpec spec(String database, List<Path> seed, Map<String, String> settings) {
        return new EnvironmentSpec(null, null, database, seed, settings);
    }

    @Test
    void localClustersUseSmallWalSegmentsAndTheServerVersionsSaySo() throws Exception {
        try (Environment env = create("wal-segments", spec(null, List.of(), Map.of()))) {
            env.setUp(SET_UP);
            for (String name : List.of("primary", "replica")) {
                assertThat(NodeSql.queryString(env.node(name).orElseThrow(),
                        "SELECT current_setting('wal_segment_size')")).as(name).isEqualTo("1MB");
            }
            assertThat(ServerVersions.describe(env))
                    .matches("primary \\d+\\.\\d+ .*\\[\\d+\\], WAL segments 1MB; replica \\d+\\.\\d+ .*, WAL segments 1MB");
        }
    }

    @Test
    void ownDatabaseSeedAndSettingsReachPrimaryAndReplica() throws Exception {
        Path schema = Files.writeString(dir.resolve("schema.sql"), """
                CREATE TABLE pets (id int PRIMARY KEY, name text NOT NULL);
                INSERT INTO pets VALUES (1, 'Rex'), (2, 'Tom''s cat');
                """);
        try (Environment env = create("own-seed", spec("petshop", List.of(schema),
                Map.of("work_mem", "7MB", "application_name", "it's \\ mine")))) {
            env.setUp(SET_UP);
            Node primary = env.node("primary").orElseThrow();
            Node replica = env.node("replica").orElseThrow();
            assertThat(primary.connectionInfo().database()).isEqualTo("petshop");
            assertThat(NodeSql.queryString(primary, "SELECT string_agg(name, ',' ORDER BY id) FROM pets"))
                    .isEqualTo("Rex,Tom's cat");
            assertThat(NodeSql.queryLong(primary, "SELECT count(*) FROM pg_database WHERE datname = 'statelessCommerce'"))
                    .isZero();
            Sql.await(Duration.ofSeconds(20), "the seed on the replica",
                    () -> NodeSql.queryLong(replica, "SELECT count(*) FROM pets") == 2);
            for (Node n : List.of(primary, replica)) {
                assertThat(NodeSql.queryString(n, "SELECT setting FROM pg_settings WHERE name = 'work_mem'"))
                        .as("work_mem on " + n.name()).isEqualTo("7168");
                assertThat(NodeSql.queryString(n, "SELECT reset_val FROM pg_settings WHERE name = 'application_name'"))
                        .as("a value with a quote and a backslash, written as it is").isEqualTo("it's \\ mine");
            }
            Path dump = dumpOf(primary);
            try (Environment restored = create("own-dump", spec("copy", List.of(dump), Map.of()))) {
                restored.setUp(SET_UP);
                assertThat(NodeSql.queryLong(restored.node("primary").orElseThrow(), "SELECT count(*) FROM pets"))
                        .as("rows restored from the pg_dump custom archive").isEqualTo(2);
            }
        }
    }

    /** A {@code pg_dump -Fc} archive of {@code node}'s database, made with the local binaries. */
    private Path dumpOf(Node node) throws Exception {
        ConnectionInfo c = node.connectionInfo();
        Path dump = dir.resolve("pets.dump");
        ProcessBuilder pb = new ProcessBuilder(PgBinaries.discover(null).bin("pg_dump").toString(), "-Fc", "-h",
                c.host(), "-p", Integer.toString(c.port()), "-U", c.user(), "-d", c.database(), "-f", dump.toString());
        pb.environment().put("PGPASSWORD", c.password());
        Process p = pb.redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        assertThat(ServerFiles.isCustomArchive(dump)).isTrue();
        return dump;
    }

    @Test
    void aFailingSeedFileStopsTheSetUpWithItsLineAndTheServersMessage() throws Exception {
        Path seed = Files.writeString(dir.resolve("broken.sql"), "CREATE TABLE a (id int);\n\nINSERT INTO nowhere VALUES (1);\n");
        try (Environment env = create("bad-seed", spec(null, List.of(seed), Map.of()))) {
            EnvironmentException e = catchThrowableOfType(EnvironmentException.class, () -> env.setUp(SET_UP));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("seed file " + seed + " failed on node 'primary'")
                    .contains(seed + ":3: ERROR:  relation \"nowhere\" does not exist");
        }
    }

    @Test
    void aSettingTheServerRefusesStopsTheSetUpWithTheServersMessage() {
        try (Environment env = create("bad-setting", spec(null, null, Map.of("work_mem", "lots")))) {
            EnvironmentException e = catchThrowableOfType(EnvironmentException.class, () -> env.setUp(SET_UP));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("node 'primary' did not start")
                    .contains("invalid value for parameter \"work_mem\": \"lots\"");
        }
    }
}
