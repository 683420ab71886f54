package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trial drills on the local backend with a smaller --repeat: every trial in the journal with its number and
 * the values it drew (within the ranges written), the set judged, and {@code --seed S --repeat N --trial K} drawing
 * the same values again, labelled K of N.
 */
class TrialsDrillIT {
    private static final Path SCENARIOS = Path.of("..", "scenarios");
    private static final String SEED = "8812";

    private static CliRun runner(String... args) {
        return CliRun.run(Environments::factory, args);
    }

    private static JsonNode journal(Path reports) throws IOException {
        return new ObjectMapper().readTree(reports.resolve("journal.json").toFile());
    }

    private static long ms(JsonNode drawn, String path) {
        return Long.parseLong(drawn.get(path).asText().replace("ms", ""));
    }

    @Test
    void asynchronousFailoverLosesWritesThatDependOnTheDrawnMomentAndATrialRunsAgainAlone(@TempDir Path work)
            throws IOException {
        String drill = SCENARIOS.resolve("failover-async-trials.yaml").toString();
        Path reports = work.resolve("all");
        CliRun r = runner("--no-color", "--repeat", "4", "--parallel", "2", "--seed", SEED, "--report-dir",
                reports.toString(), drill);
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(r.out()).contains("runner: seed 8812 (run again with --seed 8812")
                .contains("Trials of failover-async-trials: PASSED 4 of 4 trials passed (seed 8812)")
                .contains("lost writes   min ");
        JsonNode journal = journal(reports);
        assertThat(journal.get("facts").get("seed").asText()).isEqualTo(SEED);
        JsonNode drills = journal.get("drills");
        assertThat(drills).hasSize(4);
        for (int k = 1; k <= 4; k++) {
            JsonNode d = drills.get(k - 1);
            assertThat(d.get("trial").asInt()).isEqualTo(k);
            assertThat(d.get("seed").asLong()).isEqualTo(8812L);
            assertThat(d.get("status").asText()).isEqualTo("PASSED");
            assertThat(ms(d.get("drawn"), "crash.after")).isBetween(200L, 2000L);
            assertThat(ms(d.get("drawn"), "steps[3].sleep.for")).isBetween(200L, 1000L);
            JsonNode crash = d.get("steps").findParents("id").stream().filter(st -> st.get("id").asText().equals("crash"))
                    .findFirst().orElseThrow();
            assertThat(crash.get("durationMs").asLong()).as("the kill waited its drawn delay first")
                    .isGreaterThanOrEqualTo(ms(d.get("drawn"), "crash.after"));
            assertThat(crash.get("params").get("after").asText()).isEqualTo(d.get("drawn").get("crash.after").asText());
        }
        JsonNode set = journal.get("trialSets").get(0);
        assertThat(set.get("status").asText()).isEqualTo("PASSED");
        assertThat(set.get("points")).hasSize(4);
        set.get("points").forEach(p -> assertThat(p.get("lost").asDouble()).as("trial %s lost", p.get("trial"))
                .isGreaterThanOrEqualTo(0));
        assertThat(Files.readString(reports.resolve("junit.xml")))
                .contains("<testcase name=\"trial 4\" classname=\"failover-async-trials trials\"");
        assertThat(Files.readString(reports.resolve("index.html"))).contains("Lost writes per trial")
                .contains("href=\"failover-async-trials-trial-3.html\"");

        Path alone = work.resolve("alone");
        CliRun again = runner("--no-color", "--seed", SEED, "--repeat", "4", "--trial", "3", "--report-dir",
                alone.toString(), drill);
        assertThat(again.exit()).as(again.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(again.out()).as("labelled with the size of the set it comes from")
                .contains("failover-async-trials [trial 3/4]");
        JsonNode rerun = journal(alone).get("drills");
        assertThat(rerun).hasSize(1);
        assertThat(rerun.get(0).get("trial").asInt()).isEqualTo(3);
        assertThat(rerun.get(0).get("trials").asInt()).isEqualTo(4);
        assertThat(rerun.get(0).get("drawn")).as("trial 3 alone draws what it drew in the run of 4")
                .isEqualTo(drills.get(2).get("drawn"));
    }

    @Test
    void synchronousFailoverLosesNothingAcknowledgedInAnyTrial(@TempDir Path reports) throws IOException {
        CliRun r = runner("--no-color", "--repeat", "4", "--parallel", "2", "--report-dir", reports.toString(),
                SCENARIOS.resolve("failover-sync-trials.yaml").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(r.out()).containsPattern("runner: seed \\d+ \\(run again with --seed \\d+");
        JsonNode set = journal(reports).get("trialSets").get(0);
        assertThat(set.get("status").asText()).isEqualTo("PASSED");
        assertThat(set.get("passed").asInt()).isEqualTo(4);
        set.get("points").forEach(p -> assertThat(p.get("lost").asDouble()).as("trial %s lost", p.get("trial"))
                .isZero());
        assertThat(set.get("bounds").get(0).get("key").asText()).isEqualTo("max-lost");
        assertThat(set.get("bounds").get(0).get("holds").asBoolean()).isTrue();
    }
}
