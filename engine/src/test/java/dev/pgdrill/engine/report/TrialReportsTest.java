package dev.pgdrill.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.model.Trial;
import dev.pgdrill.engine.model.TrialBound;
import dev.pgdrill.engine.model.TrialPlan;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports of a drill run as trials: journal entries, one JUnit test per trial, the distribution on the page. */
class TrialReportsTest {
    private static final StepSpec RPO = new StepSpec(0, "steps", "crash", null, "rpo", Map.of(), null,
            new Location(Path.of("t.yaml"), 2, 5), Map.of());

    private static RunReport run() {
        Scenario drill = new Scenario(Path.of("t.yaml"), "t", "", Map.of(), List.of(RPO), List.of(), Duration.ofMinutes(1))
                .trials(new TrialPlan(3, List.of(TrialBound.of("max-lost", 5, new Location(Path.of("t.yaml"), 1, 9))),
                        true));
        double[] lost = {0, 2, 9};
        List<DrillResult> trials = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            StepResult rpo = new StepResult(RPO, Map.of(), StepStatus.PASSED, Instant.now(), Duration.ZERO, Map.of(),
                    List.of(new Measurement("rpo_lost_writes", lost[k - 1], "writes"),
                            new Measurement("rto_seconds", 1.5 * k, "s")), List.of(), List.of(), null, List.of());
            trials.add(new DrillResult(drill.trial(new Trial(k, 3, 8812)), "local", StepStatus.PASSED, Instant.now(),
                    Duration.ofSeconds(2), List.of(rpo), List.of(), null, ExitCode.OK, null, null,
                    Map.of("crash.after", (100 * k) + "ms")));
        }
        RunResult result = new RunResult(trials, Duration.ofSeconds(6), ExitCode.DRILL_FAILED);
        return ReportModel.of(Instant.now(), result, Map.of());
    }

    @Test
    void theJournalKeepsEveryTrialWithItsNumberAndDrawnValuesAndReadsBack(@TempDir Path dir) throws Exception {
        RunReport run = run();
        Path journal = dir.resolve(JsonJournal.FILE);
        JsonJournal.write(run, journal);
        JsonNode tree = new ObjectMapper().readTree(journal.toFile());
        assertThat(tree.get("drills")).hasSize(3);
        JsonNode second = tree.get("drills").get(1);
        assertThat(second.get("trial").asInt()).isEqualTo(2);
        assertThat(second.get("trials").asInt()).isEqualTo(3);
        assertThat(second.get("seed").asLong()).isEqualTo(8812);
        assertThat(second.get("drawn").get("crash.after").asText()).isEqualTo("200ms");
        JsonNode set = tree.get("trialSets").get(0);
        assertThat(set.get("status").asText()).isEqualTo("FAILED");
        assertThat(set.get("message").asText()).isEqualTo("3 of 3 trials passed; max-lost <= 5 failed: max-lost = 9 "
                + "(trial 3); re-run it alone: runner --seed 8812 --repeat 3 --trial 3 t.yaml");
        RunReport back = JsonJournal.read(journal);
        assertThat(back.trialSets()).isEqualTo(run.trialSets());
        assertThat(back.drills()).extracting(DrillReport::page)
                .containsExactly("t-trial-1.html", "t-trial-2.html", "t-trial-3.html");
        assertThat(back.drills().get(2).drawn()).containsEntry("crash.after", "300ms");
    }

    @Test
    void junitGetsOneTestPerTrialAndOneForTheSet() {
        String xml = JunitXmlWriter.toXml(run());
        assertThat(xml).contains("<testsuite name=\"t [trial 1/3]\"")
                .contains("<property name=\"drawn.crash.after\" value=\"100ms\"/>")
                .contains("<testsuite name=\"t trials\"")
                .contains("<testcase name=\"trial 1\" classname=\"t trials\"")
                .contains("<testcase name=\"trial 3\" classname=\"t trials\"")
                .contains("<testcase name=\"set of 3 trials\" classname=\"t trials\"")
                .contains("message=\"3 of 3 trials passed; max-lost &lt;= 5 failed");
    }

    @Test
    void theIndexPageShowsTheDistributionWithEveryTrialLinked(@TempDir Path dir) throws Exception {
        Path index = HtmlReport.write(run(), dir);
        String html = Files.readString(index);
        assertThat(html).contains("Trials of t").contains("trial-stats")
                .contains("<figure class=\"chart trial-chart\" data-unit=\"lost writes\"")
                .contains("<figure class=\"chart trial-chart\" data-unit=\"rto seconds\"")
                .contains("<a href=\"t-trial-3.html\" class=\"trial-link\">trial 3</a>")
                .contains("data-trial=\"3\"")
                .contains("max-lost &lt;= 5: max-lost = 9 (trial 3)")
                .doesNotContain("http://cdn").doesNotContain("<script src=\"http");
        assertThat(html.split("class=\"dot trial-dot", -1)).as("one dot per trial and chart").hasSize(7);
        assertThat(Files.readString(dir.resolve("t-trial-2.html"))).contains("<h1>t [trial 2/3]</h1>")
                .contains("runner --seed 8812 --repeat 3 --trial 2 runs it alone").contains("crash.after = 200ms");
    }
}
