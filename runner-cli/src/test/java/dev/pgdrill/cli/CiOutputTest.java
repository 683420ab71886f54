package dev.pgdrill.cli;

import dev.pgdrill.engine.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

/** CI-aware output of a run: GitHub Actions summary and annotations, {@code --summary-md}. */
class CiOutputTest {
    /** Fails on the fake environment at line 4 (partition finds no replica); names carry a secret and hostile text. */
    static final String DRILL = """
            name: leaky hunter2secret
            steps:
              - sleep: 1ms
              - name: "cut | <b>off</b> hunter2secret ::warning::x"
                partition: replica
            """;

    @TempDir
    Path dir;

    private static CliRun run(Function<String, String> env, String... args) {
        return CliRun.run((k, o) -> n -> new FakeEnvironment(false), env, args);
    }

    private static Function<String, String> github(Path summary) {
        return Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString())::get;
    }

    @Test
    void onGithubActionsAnnotatesTheFailingStepsLineAndAppendsTheSummary() throws Exception {
        Path drill = Files.writeString(dir.resolve("leaky.yaml"), DRILL);
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "earlier step\n");
        CliRun r = run(github(summary), "--no-color", "--secret", "pw=hunter2secret", "--report-dir",
                dir.resolve("reports").toString(), EXAMPLES + "sleepy.yaml", drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);

        List<String> out = r.out().lines().toList();
        assertThat(out.get(0)).matches("::stop-commands::pgdrill-[0-9a-f-]{36}");
        String token = out.get(0).substring("::stop-commands::".length());
        int resumed = out.indexOf("::" + token + "::");
        assertThat(resumed).as(r.out()).isGreaterThan(0);
        assertThat(out.subList(1, resumed)).as("the run's own output is fenced").anyMatch(l -> l.contains("::warning::x"));
        List<String> errors = out.subList(resumed + 1, out.size());
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("::error file=" + drill + ",line=4,col=5,title=drill leaky ******** failed at step "
                + "#2 cut | <b>off</b> ******** %3A%3Awarning%3A%3Ax::").doesNotContain("hunter2secret");

        String md = Files.readString(summary);
        assertThat(md).startsWith("earlier step\n### pgdrill: 1 of 2 drills passed\n").doesNotContain("hunter2secret");
        assertThat(md.lines().filter(l -> l.startsWith("| ")).toList()).hasSize(3);
        assertThat(md).contains("| sleepy | ✅ PASSED |",
                "\\#2 cut \\| \\<b\\>off\\<\\/b\\> \\*\\*\\*\\*\\*\\*\\*\\* \\:\\:warning\\:\\:x at `" + drill + ":4:5`");
    }

    @Test
    void summaryMdWritesTheSameMarkdownAnywhereWithoutWorkflowCommands() throws Exception {
        Path drill = Files.writeString(dir.resolve("leaky.yaml"), DRILL);
        Path gh = dir.resolve("gh.md");
        run(github(gh), "--no-color", "--secret", "pw=hunter2secret", "--report-dir", dir.resolve("r1").toString(),
                drill.toString());
        Path md = dir.resolve("out").resolve("summary.md");
        CliRun r = run(n -> null, "--no-color", "--secret", "pw=hunter2secret", "--report-dir",
                dir.resolve("r2").toString(), "--summary-md", md.toString(), drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out().lines()).noneMatch(l -> l.startsWith("::"));
        String text = Files.readString(md);
        assertThat(text).startsWith("### pgdrill: 0 of 1 drill passed\n").contains("❌ FAILED")
                .doesNotContain("hunter2secret");
        // the same Markdown as on GitHub, but for the durations
        assertThat(text.replaceAll("\\d+(\\\\\\.\\d)?m?s", "T")).isEqualTo((Files.readString(gh)).strip()
                .replaceAll("\\d+(\\\\\\.\\d)?m?s", "T") + "\n");
    }

    @Test
    void aSummaryFileThatIsADirectoryIsRefusedBeforeAnythingRuns() {
        CliRun r = CliRun.run("--no-color", "--summary-md", dir.toString(), EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("runner: --summary-md: " + dir + " is a directory (name a file, e.g. "
                + "target/drill-summary.md); nothing was run\n");
    }

    @Test
    void aMergedReportHasTheSummaryToo() throws Exception {
        Path reports = dir.resolve("reports");
        run(n -> null, "--no-color", "--report-dir", reports.toString(), EXAMPLES + "sleepy.yaml");
        Path summary = dir.resolve("summary.md");
        CliRun r = CliRun.run((k, o) -> {
            throw new AssertionError();
        }, github(summary), "report", "--merge", reports.toString(), "--out", dir.resolve("merged").toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("::"))).as("only the fence").hasSize(2)
                .allMatch(l -> l.matches("::(stop-commands::)?pgdrill-[0-9a-f-]{36}(::)?"));
        assertThat(Files.readString(summary)).startsWith("### pgdrill: 1 of 1 drill passed\n").contains("| sleepy |");
    }
}
