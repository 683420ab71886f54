package dev.pgdrill.cli;

import dev.pgdrill.engine.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static dev.pgdrill.cli.CliRun.fakes;
import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup tool is chosen in the scenario ({@code environment: { backup-tool: ... }}) or with
 * {@code --backup-tool}, which overrides the file; a step the chosen tool cannot do is refused with
 * its position and exit code 2 before anything runs: at validate when the file names the tool, at the
 * start of the run when the command line does.
 */
class BackupToolSelectionTest {
    private static final String CHAIN = String.join("\n",
            "name: chain",
            "environment:",
            "  backup-tool: pgbackrest",
            "steps:",
            "  - backup: { from: primary, name: monday, type: full }",
            "  - backup: { from: primary, name: tuesday, type: incr }",
            "");

    @Test
    void anIncrementalBackupWithPgBasebackupIsRefusedAtValidateWithItsPosition(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("chain.yaml"), CHAIN.replace("environment:\n  backup-tool: pgbackrest\n", ""));
        CliRun r = run("validate", drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        assertThat(r.err()).containsPattern(Pattern.quote(drill.toString()) + ":4:\\d+: .*backup type 'incr' is not "
                + "offered by backup tool 'pg_basebackup', which takes only full backups: use type: full, or choose a tool "
                + "with incr backups \\(environment: \\{ backup-tool: pgbackrest \\} or --backup-tool pgbackrest\\)");
    }

    @Test
    void theSameChainWithPgBackRestInTheFileIsValid(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("chain.yaml"), CHAIN);
        CliRun r = run("validate", drill.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void theCommandLineOverridesTheFileAndIsCheckedBeforeAnythingRuns(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("chain.yaml"), CHAIN);
        List<FakeEnvironment> created = new ArrayList<>();
        CliRun r = run(fakes(created), "--report-dir", dir.resolve("reports").toString(), "--backup-tool", "pg_basebackup",
                drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        assertThat(r.err()).contains(drill + ":6:").contains("backup type 'incr' is not offered by backup tool "
                + "'pg_basebackup'").contains("nothing was run");
        assertThat(created).as("no environment was created").isEmpty();
    }

    @Test
    void anUnknownToolOrKeyInTheFileIsRefusedAtItsPosition(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("chain.yaml"),
                CHAIN.replace("backup-tool: pgbackrest", "backup-tool: pgbackrst\n  postgress: 17"));
        CliRun r = run("validate", drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        assertThat(r.err()).contains(drill + ":3:16: unknown backup tool 'pgbackrst' (did you mean 'pgbackrest'?) "
                        + "(expected one of: pg_basebackup, pgbackrest)")
                .contains(drill + ":4:3: unknown key 'postgress' in 'environment' (did you mean 'postgres'?) "
                        + "(expected: backup-tool, postgres, database, seed, settings)");
    }

    @Test
    void anUnknownToolOnTheCommandLineIsAUsageError(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("chain.yaml"), CHAIN);
        CliRun r = run("--backup-tool", "barman", drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        assertThat(r.err()).contains("unknown backup tool 'barman' (expected one of: pg_basebackup, pgbackrest)");
    }

    @Test
    void aBackendThatDoesNotOfferTheToolRefusesTheRunBeforeCreatingAnEnvironment(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("chain.yaml"), CHAIN);
        List<FakeEnvironment> created = new ArrayList<>();
        CliRun r = run(fakes(created), "--report-dir", dir.resolve("reports").toString(), drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        assertThat(r.err()).contains(drill + ": this environment does not offer backup tool 'pgbackrest'")
                .contains("nothing was run");
        assertThat(created).isEmpty();
    }
}
