package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.PgVersion;
import dev.pgdrill.engine.testing.FakeBackupTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The {@code environment:} block's postgres, database, seed and settings keys, and the command line's overrides. */
class EnvironmentBlockTest {
    @TempDir
    Path dir;

    private Scenario load(String environment) {
        return LoaderFixture.LOADER.parse(dir.resolve("d.yaml"),
                ("environment:\n" + environment + "steps:\n  - nap:\n").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private List<String> problems(String environment) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, () -> load(environment));
        assertThat(e).as("expected the scenario to be invalid").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID);
        return e.problems().stream().map(p -> p.toString().replace(dir.toString(), "DIR")).toList();
    }

    @Test
    void withoutTheBlockEverythingIsTodaysDefault() {
        EnvironmentSpec spec = LoaderFixture.load("steps:\n  - nap:\n").environmentSpec();
        assertThat(spec).isEqualTo(EnvironmentSpec.defaults());
        assertThat(spec.major()).isEqualTo(15);
        assertThat(spec.database()).isEqualTo("statelessCommerce");
        assertThat(spec.defaultSeed()).isTrue();
        assertThat(spec.settings()).isEmpty();
        assertThat(spec.defaultServer()).isTrue();
    }

    @Test
    void readsVersionDatabaseSeedAndSettingsWithSeedRelativeToTheScenario() throws IOException {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id int);");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/rows.sql"), "INSERT INTO t VALUES (1);");
        EnvironmentSpec spec = load("""
                  postgres: 17
                  database: shop
                  seed: [schema.sql, data/rows.sql]
                  settings: { wal_compression: "on", checkpoint_timeout: 5min, max_wal_size: 256 }
                """).environmentSpec();
        assertThat(spec.major()).isEqualTo(17);
        assertThat(spec.database()).isEqualTo("shop");
        assertThat(spec.seed()).containsExactly(dir.resolve("schema.sql").toAbsolutePath(),
                dir.resolve("data/rows.sql").toAbsolutePath());
        assertThat(spec.settings()).containsExactly(Map.entry("wal_compression", "on"),
                Map.entry("checkpoint_timeout", "5min"), Map.entry("max_wal_size", "256"));
        assertThat(spec.defaultServer()).isFalse();
    }

    @Test
    void aStatedFifteenIsKeptApartFromNoVersionAtAll() {
        assertThat(LoaderFixture.load("steps:\n  - nap:\n").environmentSpec().versionStated()).isFalse();
        EnvironmentSpec stated = load("  postgres: 15\n").environmentSpec();
        assertThat(stated.versionStated()).isTrue();
        assertThat(stated.major()).isEqualTo(15);
    }

    @Test
    void aRequirementPicksTheOldestOfferedMajorThatMeetsIt() {
        EnvironmentSpec spec = load("  postgres: \">= 16\"\n").environmentSpec();
        assertThat(spec.postgres()).isEqualTo(new PgVersion(true, 16));
        assertThat(spec.major()).isEqualTo(17);
    }

    @Test
    void refusesAnUnknownVersionAMissingSeedFileAndBadSettingsAtTheirPositions() {
        assertThat(problems("""
                  postgres: 16
                  database: "shop; DROP"
                  seed: [missing.sql]
                  settings: { "x'y": 1, work_mem: "1MB\\nfsync = off" }
                """)).containsExactly(
                "DIR/d.yaml:2:13: PostgreSQL 16 is not offered (expected 15 or 17, or a requirement such as \">= 17\")",
                "DIR/d.yaml:3:13: 'database' must be a plain name (letters, digits and '_', at most 63, not starting "
                        + "with a digit), found 'shop; DROP'",
                "DIR/d.yaml:4:10: seed file 'missing.sql' does not exist (DIR/missing.sql; paths are relative to the "
                        + "scenario file)",
                "DIR/d.yaml:5:15: 'x'y' is not a server setting name (lower-case letters, digits and '_', or a custom "
                        + "'prefix.name')",
                "DIR/d.yaml:5:35: setting 'work_mem': the value contains the control character U+000A");
    }

    @Test
    void commandLineOverridesReplaceVersionAndSeedAndAddSettings() throws IOException {
        Path mine = Files.writeString(dir.resolve("mine.sql"), "SELECT 1;");
        Scenario file = load("  postgres: 15\n  settings: { work_mem: 4MB }\n");
        Scenario s = LoaderFixture.LOADER.withOverrides(file, new EnvironmentOverrides(FakeBackupTools.tool("pgbackrest"),
                new PgVersion(false, 17), List.of(mine), Map.of("wal_compression", "on")));
        assertThat(s.environmentSpec().major()).isEqualTo(17);
        assertThat(s.environmentSpec().backupTool()).isEqualTo(FakeBackupTools.tool("pgbackrest"));
        assertThat(s.environmentSpec().seed()).containsExactly(mine.toAbsolutePath());
        assertThat(s.environmentSpec().settings()).containsExactly(Map.entry("work_mem", "4MB"),
                Map.entry("wal_compression", "on"));
        assertThat(LoaderFixture.LOADER.withOverrides(file, EnvironmentOverrides.NONE)).isSameAs(file);
    }

    @Test
    void aVersionBelowTheDrillsRequirementOrAMissingSeedIsRefusedBeforeAnythingRuns() {
        Scenario file = load("  postgres: \">= 17\"\n");
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, () ->
                LoaderFixture.LOADER.withOverrides(file, new EnvironmentOverrides(null, new PgVersion(false, 15),
                        List.of(dir.resolve("nope.sql")), Map.of())));
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(e.problems()).extracting(p -> p.toString().replace(dir.toString(), "DIR")).containsExactly(
                "DIR/d.yaml: the drill needs PostgreSQL >= 17 (its environment: postgres), but --pg-version asks for 15",
                "DIR/d.yaml: --seed DIR/nope.sql: the file does not exist");
    }
}
