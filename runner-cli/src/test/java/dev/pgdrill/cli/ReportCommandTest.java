package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.pgdrill.engine.report.ReportDirectory;
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

    /** A journal written before issue 12 (the engine's fixture, same bytes) still renders. */
    @Test
    void rendersAJournalWrittenBeforeStatusesAndExitCodesWereValues(@TempDir Path dir) throws Exception {
        Path before = Path.of("..", "engine", "src", "test", "resources", "dev", "pgdrill", "engine", "report",
                "before-issue12");
        Path journal = dir.resolve("journal.json");
        Files.copy(before.resolve("journal.json"), journal);
        Path html = dir.resolve("html");
        CliRun r = CliRun.run("report", journal.toString(), "--out", html.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readString(html.resolve("index.html")))
                .isEqualTo(Files.readString(before.resolve("index.html")));
        assertThat(Files.readString(html.resolve("failover-data-loss.html")))
                .contains("ABORTED · interrupted", "130 (interrupted by SIGINT)");
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

    @Test
    void aJournalWhosePageLeavesTheOutputDirectoryIsRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("a").resolve("reports");
        CliRun run = CliRun.run((k, o) -> name -> new FakeEnvironment(false), "--no-color",
                "--report-dir", reports.toString(), EXAMPLES + "sleepy.yaml");
        assertThat(run.exit()).as(run.toString()).isZero();
        Path journal = reports.resolve("journal.json");
        String text = Files.readString(journal);
        Files.writeString(journal, text.replaceFirst("\"page\" : \"[^\"]*\"", "\"page\" : \"../../escaped.html\""));
        Path html = dir.resolve("a").resolve("html");
        CliRun r = CliRun.run("report", journal.toString(), "--out", html.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("runner report: not a pgdrill journal: " + journal + " does not match "
                + "scenarios/schema/journal.schema.json (1 problem):\n  " + journal + ":")
                .contains(": at $.drills[0].page: does not match the regex pattern")
                .endsWith("; nothing was written\n");
        r.noStackTrace();
        assertThat(html).doesNotExist();
        assertThat(dir.resolve("escaped.html")).doesNotExist();
    }

    @Test
    void journalsOurRunsWriteMatchTheShippedSchema(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        CliRun run = CliRun.run((k, o) -> name -> new FakeEnvironment(false), "--no-color",
                "--report-dir", reports.toString(), EXAMPLES + "sleepy.yaml", EXAMPLES + "needs-a-node.yaml");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(Files.readString(Path.of("..", "scenarios", "schema", "journal.schema.json")));
        assertThat(schema.validate(new ObjectMapper().readTree(reports.resolve("journal.json").toFile()))).isEmpty();
    }

    @Test
    void doesNotRenderIntoADirectoryARunIsWriting(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        CliRun run = CliRun.run((k, o) -> name -> new FakeEnvironment(false), "--no-color",
                "--report-dir", reports.toString(), EXAMPLES + "sleepy.yaml");
        assertThat(run.exit()).as(run.toString()).isZero();
        String index = Files.readString(reports.resolve("index.html"));
        try (ReportDirectory running = ReportDirectory.acquire(reports)) {
            CliRun r = CliRun.run("report", reports.resolve("journal.json").toString());
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).startsWith("runner report: --out: report directory " + reports + " is in use by run PID "
                    + ProcessHandle.current().pid() + " since ");
        }
        assertThat(Files.readString(reports.resolve("index.html"))).isEqualTo(index);
    }
}
