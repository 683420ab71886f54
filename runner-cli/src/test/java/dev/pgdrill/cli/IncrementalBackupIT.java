package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scenarios/incremental-backup.yaml on PostgreSQL 17 (Compose, {@code --pg-version 17}): a full and an
 * incremental pg_basebackup, restored by pg_combinebackup of the chain, bring back exactly the rows up to
 * the target; restored to its own end, the incremental backup holds the write made after the full one.
 * A copy that restores the full backup alone there fails at that step: the rows come from the
 * incremental backup, not from the archive.
 */
class IncrementalBackupIT {
    private static final Path DRILL = Path.of("..", "scenarios", "incremental-backup.yaml");
    private static final String IMMEDIATE_FROM_INCR = "from: monday\n      target: { immediate: true }";

    @BeforeAll
    static void composeIsUsable() {
        try {
            Environments.factory("compose", EnvironmentOptions.defaults());
        } catch (DrillException e) {
            Assumptions.abort("compose backend unusable here, the PostgreSQL 17 incremental drill is skipped: "
                    + e.getMessage());
        }
    }

    @Test
    void theCombinedIncrementalBackupRestoresItsRowsOnPostgres17(@TempDir Path reports) throws IOException {
        CliRun r = run(reports, DRILL);
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(r.out()).contains("(environment: compose, PostgreSQL 17)")
                .contains("PASS  the incremental backup builds on the full one")
                .contains("PASS  every write up to the target is back, none after it")
                .contains("PASS  the incremental backup itself holds the write made after the full one");
        JsonNode drill = journal(reports).get("drills").get(0);
        assertThat(drill.get("status").asText()).isEqualTo("PASSED");
        assertThat(drill.get("backupTool").asText()).startsWith("pg_basebackup");
        JsonNode incr = step(drill, "incremental backup on the full one");
        assertThat(incr.get("outputs").get("type").asText()).isEqualTo("incr");
        assertThat(incr.get("outputs").get("parent").asText()).isEqualTo("sunday");
        assertThat(step(drill, "full backup").get("outputs").get("type").asText()).isEqualTo("full");
        assertThat(step(drill, "every write up to the target is back, none after it").get("outputs").get("value")
                .asText()).isEqualTo("before-full,after-full,after-incr");
        List<String> evidence = texts(step(drill, "restore the combined backup to the target").get("evidence"));
        assertThat(evidence).contains("restored incr backup 'monday' with its chain: sunday (full) + monday (incr)")
                .anyMatch(e -> e.contains("recovery stopping before commit"));
        List<String> atItsEnd = texts(step(drill, "restore the combined backup to its own end, no WAL replayed past it")
                .get("evidence"));
        assertThat(atItsEnd).anyMatch(e -> e.contains("recovery stopping after reaching consistency"));
    }

    @Test
    void restoringTheFullBackupAloneMissesTheIncrementalsRows(@TempDir Path work) throws IOException {
        String text = Files.readString(DRILL);
        assertThat(text).contains(IMMEDIATE_FROM_INCR);
        Path copy = Files.writeString(work.resolve("incremental-backup.yaml"),
                text.replace(IMMEDIATE_FROM_INCR, IMMEDIATE_FROM_INCR.replace("monday", "sunday")));
        Path reports = work.resolve("reports");
        CliRun r = run(reports, copy);
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.DRILL_FAILED.code());
        assertThat(r.out()).contains("PASS  every write up to the target is back, none after it")
                .contains("FAIL  the incremental backup itself holds the write made after the full one");
        JsonNode drill = journal(reports).get("drills").get(0);
        assertThat(drill.get("message").asText())
                .contains("step 'the incremental backup itself holds the write made after the full one'");
        assertThat(step(drill, "the incremental backup itself holds the write made after the full one").get("outputs")
                .get("value").asText()).isEqualTo("before-full");
    }

    private static CliRun run(Path reports, Path drill) {
        return CliRun.run(Environments::factory, "--no-color", "--env", "compose", "--pg-version", "17",
                "--report-dir", reports.toString(), drill.toString());
    }

    private static JsonNode journal(Path reports) throws IOException {
        return new ObjectMapper().readTree(reports.resolve("journal.json").toFile());
    }

    private static JsonNode step(JsonNode drill, String label) {
        for (JsonNode s : drill.get("steps")) {
            if (s.path("label").asText().equals(label)) {
                return s;
            }
        }
        throw new AssertionError("no step '" + label + "' in the journal");
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(e -> list.add(e.asText()));
        return list;
    }
}
