package dev.pgdrill.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.run.RunPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drill with {@code repeat: 3} under the JUnit engine runs as the CLI runs it, against real PostgreSQL (the
 * local backend): three trials, each a container of its steps, and a set verdict that fails on its bound.
 */
class TrialsEngineIT {
    @TempDir
    Path reports;

    @Test
    void eachTrialRunsInItsOwnContainerAndAFailingBoundFailsTheSet() throws IOException {
        EngineExecutionResults results = EngineTestKit.engine(new PgDrillTestEngine())
                .selectors(DiscoverySelectors.selectFile("src/test/drills/cases/trials.yaml"))
                .configurationParameter(EngineSettings.REPORT_DIR_KEY, reports.toString())
                .execute();

        List<String> trials = results.containerEvents().finished().list().stream()
                .map(e -> e.getTestDescriptor().getDisplayName()).filter(n -> n.contains("[trial")).toList();
        assertThat(trials).containsExactly("junit-trials [trial 1/3]", "junit-trials [trial 2/3]",
                "junit-trials [trial 3/3]");
        // every trial's two steps passed: the trials themselves pass, only the set fails
        assertThat(results.testEvents().succeeded().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactly("primary takes a write", "the write is there", "primary takes a write",
                        "the write is there", "primary takes a write", "the write is there");
        Event set = results.containerEvents().failed().list().stream().filter(e -> e.getTestDescriptor().isTest())
                .findFirst().orElseThrow();
        assertThat(set.getTestDescriptor().getDisplayName()).isEqualTo("junit-trials trials");
        assertThat(set.getTestDescriptor().getType()).isEqualTo(TestDescriptor.Type.CONTAINER_AND_TEST);
        assertThat(DiscoveryTest.message(set)).startsWith("3 of 3 trials passed; max-lost")
                .contains("no trial measured lost");
        assertThat(results.containerEvents().failed().list()).hasSize(1);
        String seed = results.allEvents().reportingEntryPublished().list().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("seed"))
                .filter(s -> s != null).findFirst().orElseThrow();

        JsonNode journal = new ObjectMapper().readTree(reports.resolve("journal.json").toFile());
        assertThat(journal.path("drills")).hasSize(3);
        assertThat(journal.path("facts").path("seed").asText()).isEqualTo(seed);
        // the CLI's RunCommandTest reads the same fact from its journal: one set-up deadline for both front ends
        assertThat(journal.path("facts").path("set-up-timeout").asText())
                .isEqualTo(Durations.format(RunPlan.SET_UP_TIMEOUT)).isEqualTo("3m00s");
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("junit-trials trials")
                .contains("set of 3 trials");
    }
}
