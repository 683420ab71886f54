package dev.pgdrill.engine.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports written before issue 12 (statuses and exit codes as plain strings and numbers in the
 * code) stay readable: {@code before-issue12/} holds the journal, JUnit XML and HTML pages that code
 * wrote for {@link ReportFixtures#run()} (the failover drill stopped by SIGINT); today's code writes the same files and re-renders the same pages from
 * that journal. Issue 17 changed the JUnit XML on purpose (test names without positions, the
 * failing step's file:line first in the failure text, an attachment line per drill): junit.xml was
 * rewritten then, with the report directory shown as {@code DIR}.
 */
class JournalCompatibilityTest {
    static final Path BEFORE = Path.of("src/test/resources/dev/pgdrill/engine/report/before-issue12");
    static final List<String> FILES = List.of("journal.json", "junit.xml", "index.html", "replication-lag.html",
            "pitr.html", "failover-data-loss.html", "naive-backup.html");

    @TempDir
    Path dir;

    @Test
    void aRunWritesTheSameFilesAsBefore() throws Exception {
        ReportFilesListener.writeAll(ReportModel.of(ReportFixtures.T0, ReportFixtures.run(),
                Map.of("scenarios/pitr.yaml", "/tmp/pgdrill/pitr")), dir);
        for (String f : FILES) {
            String written = Files.readString(dir.resolve(f)).replace(dir.toString(), "DIR");
            assertThat(written).as(f).isEqualTo(Files.readString(BEFORE.resolve(f)));
        }
    }

    @Test
    void anOldJournalRendersTheSamePagesAsBefore() throws Exception {
        Path index = Reports.renderHtml(BEFORE.resolve("journal.json"), dir);
        assertThat(index).isEqualTo(dir.resolve("index.html"));
        for (String f : FILES.subList(2, FILES.size())) {
            assertThat(Files.readString(dir.resolve(f))).as(f).isEqualTo(Files.readString(BEFORE.resolve(f)));
        }
        assertThat(Files.readString(index)).contains("This run was interrupted", "130 (interrupted by SIGINT)");
    }
}
