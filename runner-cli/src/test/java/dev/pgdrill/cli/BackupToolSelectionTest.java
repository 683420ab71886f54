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
    void anIncrementalBackupWithPgBasebackupOnPostgres15IsRefusedAtValidateWithItsPosition(@TempDir Path dir)
            throws IOException {
        Path drill = Files.writeString(dir.resolve("chain.yaml"), CHAIN.replace("environment:\n  backup-tool: pgbackrest\n", ""));
        CliRun r = run("validate", drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        assertThat(r.err()).containsPattern(Pattern.quote(drill.toString()) + ":4:\\d+: .*backup type 'incr' with backup "
                + "tool 'pg_basebackup' needs PostgreSQL 17 or later \\(this drill runs on PostgreSQL 15\\): state "
                + "environment: \\{ postgres: \">= 17\" \\} in the drill, or choose backup tool 'pgbackrest'");
        Path on15 = Files.writeString(dir.resolve("on15.yaml"), CHAIN.replace("backup-tool: pgbackrest",
                "postgres: 15\n  settings: { summarize_wal: \"on\" }"));
        CliRun stated = run("validate", on15.toString());
        assertThat(stated.exit()).as(stated.toString()).isEqualTo(2);
        assertThat(stated.err()).contains(on15 + ":7:").contains("backup type 'incr' with backup tool 'pg_basebackup' "
                + "needs PostgreSQL 17 or later (this drill runs on PostgreSQL 15)");
    }

    @Test
    void anIncrementalBackupWithPgBasebackupOnPostgres17IsValidOnlyWithSummarizeWalOn(@TempDir Path dir)
            throws IOException {
        Path drill = Files.writeString(dir.resolve("chain.yaml"), CHAIN.replace("backup-tool: pgbackrest",
                "postgres: 17\n  settings: { summarize_wal: \"on\" }"));
        CliRun r = run("validate", drill.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        Path without = Files.writeString(dir.resolve("without.yaml"), CHAIN.replace("backup-tool: pgbackrest",
                "postgres: 17"));
        CliRun refused = run("validate", without.toString());
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        refused.noStackTrace();
        assertThat(refused.err()).contains(without + ":6:").contains("an incremental pg_basebackup needs the server "
                + "setting summarize_wal = on (PostgreSQL summarizes WAL for it): add environment: { settings: { "
                + "summarize_wal: \"on\" } } to the drill");
    }

    @Test
    void aDifferentialBackupWithPgBasebackupIsNeverOffered(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("chain.yaml"), CHAIN.replace("backup-tool: pgbackrest",
                "postgres: 17\n  settings: { summarize_wal: \"on\" }").replace("type: incr", "type: diff"));
        CliRun r = run("validate", drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("backup type 'diff' is not offered by backup tool 'pg_basebackup', which takes only "
                + "full and incr (PostgreSQL 17+) backups: use type: full, or choose a tool with diff backups");
    }

    @Test
    void theIncrementalBackupDrillIsRefusedOnPostgres15BeforeAnythingRuns(@TempDir Path dir) {
        String drill = Path.of("..", "scenarios", "incremental-backup.yaml").toString();
        assertThat(run("validate", drill).exit()).isZero();
        CliRun r = run("validate", "--pg-version", "15", drill);
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        assertThat(r.err()).contains(drill + ": the drill needs PostgreSQL >= 17 (its environment: postgres), but "
                + "--pg-version asks for 15").contains("needs PostgreSQL 17 or later (this drill runs on PostgreSQL 15)");
        List<FakeEnvironment> created = new ArrayList<>();
        CliRun run = run(fakes(created), "--report-dir", dir.resolve("reports").toString(), "--pg-version", "15", drill);
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("needs PostgreSQL >= 17").contains("nothing was run");
        assertThat(created).as("no environment was created").isEmpty();
    }

    @Test
    void aDirectoryOfDrillsOnPostgres15LeavesOutTheDrillThatNeeds17WithANote() {
        String dir = Path.of("..", "scenarios").toString();
        CliRun r = run("validate", "--pg-version", "15", dir);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("incremental-backup.yaml: left out, the drill needs PostgreSQL >= 17 (its "
                + "environment: postgres), but --pg-version asks for 15");
        assertThat(r.out()).contains("pitr.yaml").doesNotContain("incremental-backup.yaml");
        CliRun on17 = run("validate", "--pg-version", "17", dir);
        assertThat(on17.exit()).as(on17.toString()).isZero();
        assertThat(on17.err()).doesNotContain("left out");
        assertThat(on17.out()).contains("incremental-backup.yaml");
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
        assertThat(r.err()).contains(drill + ":6:").contains("backup type 'incr' with backup tool 'pg_basebackup' needs "
                + "PostgreSQL 17 or later").contains("nothing was run");
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
                        + "(expected: backup-tool, postgres, database, seed, settings, nodes, failover-manager, patroni, source, objectives)");
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
