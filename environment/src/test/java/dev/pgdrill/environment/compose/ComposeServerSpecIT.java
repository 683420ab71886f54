package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.PgVersion;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.NodeSql;
import dev.pgdrill.environment.container.Docker;
import dev.pgdrill.environment.container.ProjectFilesTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** PostgreSQL 17, the drill's own database, seed files and settings on the Compose backend; bad ones fail set-up clearly. */
class ComposeServerSpecIT {
    private static final Duration SET_UP = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    @BeforeAll
    static void docker() {
        Docker.assumeEngine();
    }

    private static Environment create(String name, EnvironmentSpec spec) {
        return Environments.factory("compose", EnvironmentOptions.defaults()).create(name, spec);
    }

    @Test
    void postgres17WithItsOwnDatabaseSeedAndSettingsOnBothNodes() throws Exception {
        Path schema = Files.writeString(dir.resolve("schema.sql"), """
                CREATE TABLE pets (id int PRIMARY KEY, name text NOT NULL);
                INSERT INTO pets VALUES (1, 'Rex'), (2, 'Tom''s cat');
                """);
        Files.setPosixFilePermissions(schema, PosixFilePermissions.fromString("rw-------"));
        EnvironmentSpec spec = new EnvironmentSpec(null, new PgVersion(false, 17), "petshop", List.of(schema),
                Map.of("work_mem", "7MB", "application_name", "it's \\ mine"));
        try (Environment env = create("own-seed", spec)) {
            env.setUp(SET_UP);
            Node primary = env.node("primary").orElseThrow();
            Node replica = env.node("replica").orElseThrow();
            assertThat(ProjectFilesTest.openToOthers(((ComposeEnvironment) env).dir()))
                    .as("the seed's rows and the other files are not readable by other users during the run").isEmpty();
            assertThat(primary.connectionInfo().database()).isEqualTo("petshop");
            assertThat(NodeSql.queryString(primary, "SELECT string_agg(name, ',' ORDER BY id) FROM pets"))
                    .isEqualTo("Rex,Tom's cat");
            NodeSql.await(Duration.ofSeconds(20), Duration.ofMillis(100), "the seed on the replica",
                    () -> NodeSql.queryLong(replica, "SELECT count(*) FROM pets") == 2);
            for (Node n : List.of(primary, replica)) {
                assertThat(NodeSql.queryLong(n, "SELECT current_setting('server_version_num')::int / 10000"))
                        .as("major on " + n.name()).isEqualTo(17);
                assertThat(NodeSql.queryString(n, "SELECT setting FROM pg_settings WHERE name = 'work_mem'"))
                        .as("work_mem on " + n.name()).isEqualTo("7168");
                assertThat(NodeSql.queryString(n, "SELECT reset_val FROM pg_settings WHERE name = 'application_name'"))
                        .isEqualTo("it's \\ mine");
            }
        }
    }

    @Test
    void aFailingSeedFileOrARefusedSettingFailsTheSetUpWithTheServersMessage() throws Exception {
        Path seed = Files.writeString(dir.resolve("broken.sql"), "CREATE TABLE a (id int);\n\nINSERT INTO nowhere VALUES (1);\n");
        try (Environment env = create("bad-seed", new EnvironmentSpec(null, null, null, List.of(seed), Map.of()))) {
            EnvironmentException e = catchThrowableOfType(EnvironmentException.class, () -> env.setUp(SET_UP));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains(seed + ":3: ERROR:  relation \"nowhere\" does not exist");
        }
        try (Environment env = create("bad-setting", new EnvironmentSpec(null, null, null, null,
                Map.of("work_mem", "lots")))) {
            EnvironmentException e = catchThrowableOfType(EnvironmentException.class, () -> env.setUp(SET_UP));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("invalid value for parameter \"work_mem\": \"lots\"");
        }
    }
}
