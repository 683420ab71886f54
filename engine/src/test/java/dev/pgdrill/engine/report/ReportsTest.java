package dev.pgdrill.engine.report;

import dev.pgdrill.engine.run.CompositeListener;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.RunResult;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);

    private DrillListener listener(Path reportDir) {
        return new CompositeListener(Reports.listeners(out, false, reportDir), System.err);
    }

    @Test
    void aRunWritesJournalJunitIndexAndOnePagePerDrill() throws Exception {
        Path reports = dir.resolve("report");
        ReportFixtures.drive(listener(reports), ReportFixtures.run());
        try (var files = Files.list(reports)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "failover-data-loss.html", "index.html", "journal.json", "junit.xml", "naive-backup.html",
                    "pitr.html", "replication-lag.html");
        }
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("Report: " + reports.resolve("index.html").toAbsolutePath());
        assertThat(JsonJournal.read(reports.resolve("journal.json")).complete()).isTrue();
    }

    @Test
    void withoutAReportDirectoryOnlyTheConsoleListens() throws Exception {
        List<DrillListener> ls = Reports.listeners(out, false, null);
        assertThat(ls).singleElement().isInstanceOf(ConsoleListener.class);
        ReportFixtures.drive(new CompositeListener(ls, System.err), ReportFixtures.run());
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("Drills: 1 of 4 passed").doesNotContain("Report:");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anInterruptedRunStillLeavesAFullReportThatSaysSo() throws Exception {
        Path reports = dir.resolve("report");
        List<DrillResult> ran = ReportFixtures.drills().subList(0, 3);
        RunResult run = new RunResult(ran, Duration.ofSeconds(150), RunResult.worst(ran));
        ReportFixtures.drive(listener(reports), run);
        assertThat(Jsoup.parse(reports.resolve("index.html").toFile()).select("#interrupted").text())
                .contains("interrupted");
        assertThat(Files.readString(reports.resolve("failover-data-loss.html"))).contains("interrupted by signal");
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("message=\"interrupted by signal\"");
        assertThat(Files.readString(reports.resolve("journal.json"))).contains("interrupted by signal");
    }

    @Test
    void filesAreWrittenAfterEachDrillSoACrashedRunKeepsWhatRan() throws Exception {
        Path reports = dir.resolve("report");
        DrillListener l = listener(reports);
        DrillResult lag = ReportFixtures.lagDrill();
        l.runStarted(List.of(lag.scenario()));
        l.drillStarted(lag.scenario(), "local");
        l.drillFinished(lag);
        RunReport partial = JsonJournal.read(reports.resolve("journal.json"));
        assertThat(partial.complete()).isFalse();
        assertThat(partial.drills()).hasSize(1);
        assertThat(Jsoup.parse(reports.resolve("index.html").toFile()).select("#incomplete").text())
                .contains("did not finish");
        assertThat(reports.resolve("junit.xml")).exists();
    }
}
