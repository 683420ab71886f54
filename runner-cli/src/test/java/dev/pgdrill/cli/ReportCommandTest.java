package dev.pgdrill.cli;

import dev.pgdrill.engine.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {

    @Test
    void rendersHtmlFromTheJournalOfARun(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        CliRun run = CliRun.run((k, o) -> name -> new FakeEnvironment(false), "--no-color",
                "--report-dir", reports.toString(), EXAMPLES + "sleepy.yaml");
        assertThat(run.exit()).as(run.toString()).isZero();
        Path html = dir.resolve("html");
        CliRun r = CliRun.run("report", reports.resolve("journal.json").toString(), "--out", html.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("wrote " + html);
        assertThat(Files.readString(html.resolve("index.html"))).contains("sleepy");
    }

    @Test
    void refusesAMissingJournal() {
        CliRun r = CliRun.run("report", "no-such-journal.json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("no-such-journal.json: no such file\n");
    }

    @Test
    void refusesAFileThatIsNotAJournal() {
        CliRun r = CliRun.run("report", EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
    }
}
