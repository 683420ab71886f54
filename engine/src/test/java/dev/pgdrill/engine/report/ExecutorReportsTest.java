package dev.pgdrill.engine.report;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.run.CompositeListener;
import dev.pgdrill.engine.run.DrillExecutor;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.testing.FakeEnvironment;
import dev.pgdrill.engine.testing.ScriptedStep;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real executor (with a fake environment and scripted steps) feeding the report listeners. */
class ExecutorReportsTest {
    @TempDir
    Path dir;

    private final StepRegistry registry = new StepRegistry(List.of(
            new ScriptedStep("pause", ctx -> { }),
            new ScriptedStep("resume", ctx -> { }),
            new ScriptedStep("lag", ctx -> {
                for (long v : new long[] {4096, 1024, 0}) {
                    ctx.sample("lag_bytes", v);
                    ctx.progress("lag <= 0 bytes on replica", v + " bytes");
                }
                ctx.measure("lag_bytes", 0, "bytes");
                ctx.evidence("replica: LOG:  started streaming WAL from primary at 0/3000000 on timeline 1");
            }),
            new ScriptedStep("verify", ctx -> {
                throw new StepFailure("expected 1 row(s), found 0 (connection password=topsecret)");
            })));

    private static StepSpec step(int i, String type, Map<String, Object> params) {
        return new StepSpec(i, "steps", null, null, type, params, null, new Location(Path.of("d.yaml"), 3 + i, 5),
                Map.of());
    }

    @Test
    void aRealRunProducesConsistentJournalJunitHtmlAndConsole() throws Exception {
        Scenario s = new Scenario(Path.of("d.yaml"), "lag-then-verify", "", Map.of(), List.of(
                step(0, "pause", Map.of("on", "replica")),
                step(1, "lag", Map.of()),
                step(2, "resume", Map.of("on", "replica")),
                step(3, "verify", Map.of("password", "topsecret")),
                step(4, "lag", Map.of())), List.of(), Duration.ofSeconds(30));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path reports = dir.resolve("report");
        var listener = new CompositeListener(Reports.listeners(new PrintStream(console, true, StandardCharsets.UTF_8),
                false, reports), System.err);
        RunResult run = new DrillExecutor(registry, name -> new FakeEnvironment(false), "fake", listener,
                Duration.ofSeconds(5), false).runAll(List.of(s));

        assertThat(run.exitCode()).isEqualTo(ExitCode.DRILL_FAILED);
        RunReport journal = JsonJournal.read(reports.resolve("journal.json"));
        assertThat(journal.complete()).isTrue();
        assertThat(journal.drills().get(0).steps()).extracting(StepReport::status)
                .containsExactly(StepStatus.PASSED, StepStatus.PASSED, StepStatus.PASSED, StepStatus.FAILED,
                        StepStatus.SKIPPED);
        assertThat(journal.drills().get(0).steps().get(1).samples()).hasSize(3);

        Document page = Jsoup.parse(reports.resolve("lag-then-verify.html").toFile());
        assertThat(page.select(".timeline .fault-window").text()).isEqualTo("pause replica");
        assertThat(page.select("#lag polyline.series")).hasSize(1);
        assertThat(page.select("#failure pre.message").text()).contains("expected 1 row(s), found 0");

        String xml = Files.readString(reports.resolve("junit.xml"));
        assertThat(xml).contains("tests=\"5\"").contains("failures=\"1\"").contains("skipped=\"1\"");

        Path again = Reports.renderHtml(reports.resolve("journal.json"), dir.resolve("again"));
        assertThat(Files.readString(again)).isEqualTo(Files.readString(reports.resolve("index.html")));

        String text = console.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("FAIL  #4 verify").contains("Drills: 0 of 1 passed (1 failed, 0 aborted)");
        for (Path f : List.of(reports.resolve("journal.json"), reports.resolve("junit.xml"),
                reports.resolve("index.html"), reports.resolve("lag-then-verify.html"))) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain("topsecret");
        }
        assertThat(text).doesNotContain("topsecret");
    }
}
