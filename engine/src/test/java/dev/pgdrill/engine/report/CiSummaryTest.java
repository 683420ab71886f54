package dev.pgdrill.engine.report;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.run.StepStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Markdown summary and the GitHub annotations of a run: content, escaping, masking. */
class CiSummaryTest {
    static final String T = "2024-05-01T10:00:00Z";
    static final String HOSTILE = "a|b <img src=x onerror=alert(1)> [l](http://e) *s* %25 x,y:z\r\n"
            + "::warning::forged\n# head\u001b[31m\u202e`tick`";

    private static final RunReport FIXTURE = ReportModel.of(ReportFixtures.T0, ReportFixtures.run(), Map.of());

    private static RunReport hostile() {
        StepReport ok = new StepReport("steps", 1, null, "measure", "rpo", "d.yaml:3:5", StepStatus.PASSED, T, 5,
                null, null, List.of(new Measurement("rpo_transactions", 1, "transactions")), null, null, null, null);
        StepReport bad = new StepReport("steps", 2, null, HOSTILE, "sql", "dir,x/d:1.yaml:7:5", StepStatus.FAILED, T, 5,
                null, null, null, null, null, HOSTILE, null);
        DrillReport d = new DrillReport(HOSTILE, null, "d.yaml", "d.html", "local", null, StepStatus.FAILED, T, 10,
                HOSTILE, ExitCode.DRILL_FAILED, List.of(ok, bad), List.of());
        return new RunReport(RunReport.FORMAT, T, 10, ExitCode.DRILL_FAILED, true, "local", List.of(d));
    }

    @Test
    void summaryHasAVerdictAndOneRowPerDrillWithRpoRtoAndTheFailingStep() {
        String md = MarkdownSummary.render(FIXTURE);
        assertThat(md).startsWith("### pgdrill: 1 of 4 drills passed\n");
        List<String> rows = md.lines().filter(l -> l.startsWith("| ")).toList();
        assertThat(rows).hasSize(5);
        String failover = rows.stream().filter(r -> r.startsWith("| failover\\-data\\-loss |")).findFirst().orElseThrow();
        assertThat(failover).contains("rto\\_seconds 2\\.4 s", "rpo\\_transactions 1 transaction");
        String pitr = rows.stream().filter(r -> r.startsWith("| pitr |")).findFirst().orElseThrow();
        assertThat(pitr).contains("❌ FAILED", "at `scenarios/pitr.yaml:14:5`", "expected 1 row\\(s\\)\\, found 0");
        assertThat(md).doesNotContain(ReportFixtures.SECRET).doesNotContainPattern("(?<!\\\\)<");
    }

    @Test
    void untrustedTextStaysTextInTheSummary() {
        String md = MarkdownSummary.render(hostile());
        List<String> rows = md.lines().filter(l -> l.startsWith("| ")).toList();
        assertThat(rows).hasSize(2); // the header and the drill: no text made a new line or row
        String row = rows.get(1);
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(8); // 7 cells
        // every character that Markdown or HTML would act on is backslash-escaped; controls are visible text
        assertThat(row.replace(" at `dir,x/d:1.yaml:7:5`", "")).doesNotContainPattern("(?<!\\\\)[<>\\[\\]()*#`]")
                .contains("\\<img", "\\\\x1b", "\\\\u202e", "z\\\\x0d\\\\n\\:\\:warning")
                .doesNotContain("\u001b", "\u202e", "\r");
        assertThat(row).contains("`dir,x/d:1.yaml:7:5`").contains("rpo\\_transactions 1 transaction");
    }

    @Test
    void annotationsPointAtTheFailingStepsLine() {
        List<String> lines = GithubAnnotations.lines(FIXTURE);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("::error file=scenarios/pitr.yaml,line=14,col=5,title=drill pitr failed at "
                + "step #4 Johnson is back <script>").contains("::expected 1 row(s), found 0")
                .doesNotContain(ReportFixtures.SECRET);
        assertThat(lines.get(2)).startsWith("::error file=scenarios/naive-backup.yaml,title=drill naive-backup aborted::"
                + "environment could not be set up");
    }

    @Test
    void annotationsEscapeAsGithubsToolkitDoesAndCarryNoControlCharacters() {
        List<String> lines = GithubAnnotations.lines(hostile());
        assertThat(lines).hasSize(1);
        String line = lines.get(0);
        assertThat(line).doesNotContain("\n", "\r", "\u001b", "\u202e")
                .startsWith("::error file=dir%2Cx/d%3A1.yaml,line=7,col=5,title=drill a|b <img src=x onerror=alert(1)> "
                        + "[l](http%3A//e) *s* %2525 x%2Cy%3Az\\x0d\\n%3A%3Awarning%3A%3Aforged\\n# head\\x1b[31m");
        String message = line.substring(line.indexOf("::", 2) + 2);
        assertThat(message).startsWith("a|b <img src=x onerror=alert(1)> [l](http://e) *s* %2525 x,y:z\\x0d%0A"
                + "::warning::forged%0A# head\\x1b[31m\\u202e`tick`");
        assertThat(GithubAnnotations.property("a%b\r\nc:d,e")).isEqualTo("a%25b\\x0d\\nc%3Ad%2Ce");
        assertThat(GithubAnnotations.data("a%b\nc:d,e")).isEqualTo("a%25b%0Ac:d,e");
    }
}
