package dev.pgdrill.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine runs drills against real PostgreSQL (the local backend) and tells JUnit what happened. */
class EngineIT {
    @TempDir
    Path reports;

    private EngineExecutionResults run(String file) {
        return EngineTestKit.engine(new PgDrillTestEngine())
                .selectors(DiscoverySelectors.selectFile(file))
                .configurationParameter(EngineSettings.REPORT_DIR_KEY, reports.toString())
                .execute();
    }

    @Test
    void stepsAfterAFailureAreSkippedNotFailedAndFinallyStepsStillRun() throws IOException {
        EngineExecutionResults results = run("src/test/drills/cases/failing.yaml");

        results.testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1).skipped(1).aborted(0));
        assertThat(names(results.testEvents().succeeded().list()))
                .containsExactly("the seed is there", "finally: clean-up runs");
        Event failed = results.testEvents().failed().list().get(0);
        assertThat(failed.getTestDescriptor().getDisplayName()).isEqualTo("a check that cannot hold");
        assertThat(DiscoveryTest.message(failed)).isEqualTo("verify on 'primary': expected 2, found 1; query: SELECT 1");
        Event skipped = results.testEvents().skipped().list().get(0);
        assertThat(skipped.getTestDescriptor().getDisplayName()).isEqualTo("never reached");
        assertThat(skipped.getPayload(String.class)).contains("not run: an earlier step did not pass");
        // the drill's failure is shown by its step, so the container itself does not fail a second time
        results.containerEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("junit-failing")
                .contains("a check that cannot hold");
        assertThat(reports.resolve("index.html")).isRegularFile();
    }

    @Test
    void aPassingDrillPassesEveryStepAndPublishesMeasurementsAndTheReport() throws IOException {
        EngineExecutionResults results = run("src/test/drills/suite/smoke.yaml");

        results.testEvents().assertStatistics(s -> s.started(4).succeeded(4).failed(0).skipped(0));
        List<Event> entries = results.allEvents().reportingEntryPublished().list();
        Map<String, String> lag = new HashMap<>();
        entries.stream().filter(e -> e.getTestDescriptor().getDisplayName().equals("lag is measured"))
                .forEach(e -> lag.putAll(e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()));
        assertThat(lag).hasEntrySatisfying("lag_bytes", v -> assertThat(v).matches("\\d+ bytes"))
                .hasEntrySatisfying("lag_seconds", v -> assertThat(v).matches("[0-9.]+ s"));
        // the primary's replay_lag is NULL once an idle standby has caught up: published only when PostgreSQL has one
        assertThat(lag).allSatisfy((k, v) -> assertThat(v).as(k).matches("[0-9.]+ (bytes|s)"));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.getTestDescriptor().getDisplayName()).isEqualTo("junit-smoke");
            assertThat(e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                    .containsEntry("report", reports.resolve("index.html").toAbsolutePath().toString());
        });
        assertThat(Files.list(reports).map(p -> p.getFileName().toString()))
                .contains("index.html", "junit.xml", "journal.json")
                .anySatisfy(f -> assertThat(f).contains("junit-smoke").endsWith(".html"));
    }

    @Test
    void drillsRunInParallelEachInItsOwnEnvironmentWhenAsked() {
        EngineExecutionResults results = EngineTestKit.engine(new PgDrillTestEngine())
                .selectors(DiscoverySelectors.selectFile("src/test/drills/cases/failing.yaml"),
                        DiscoverySelectors.selectFile("src/test/drills/suite/smoke.yaml"))
                .configurationParameter(EngineSettings.PARALLEL_KEY, "2")
                .configurationParameter(EngineSettings.REPORT_DIR_KEY, reports.toString())
                .execute();

        results.testEvents().assertStatistics(s -> s.succeeded(6).failed(1).skipped(1));
        assertThat(results.allEvents().reportingEntryPublished().list().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("environment"))
                .filter(Objects::nonNull).distinct()).hasSize(2);
    }

    @Test
    void anUnknownBackendFailsEveryDrillWithTheReasonAndRunsNothing() {
        EngineExecutionResults results = EngineTestKit.engine(new PgDrillTestEngine())
                .selectors(DiscoverySelectors.selectFile("src/test/drills/suite/smoke.yaml"))
                .configurationParameter("pgdrill.env", "kubernetes")
                .configurationParameter(EngineSettings.REPORT_DIR_KEY, reports.toString())
                .execute();
        results.testEvents().assertStatistics(s -> s.started(0).skipped(4));
        Event drill = results.containerEvents().failed().list().get(0);
        assertThat(DiscoveryTest.message(drill)).isEqualTo(
                "pgdrill: unknown environment 'kubernetes' (expected one of: local, compose, testcontainers)");
    }

    private static List<String> names(List<Event> events) {
        return events.stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

}
