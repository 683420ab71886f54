package dev.pgdrill.engine.report;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.run.RunResult;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures on top of a drill's page and its lag chart, for a drill that lost one write. */
class ResultCardTest {
    private static Document page;

    @BeforeAll
    static void render() {
        RunResult run = new RunResult(List.of(ReportFixtures.lostWriteDrill()), Duration.ofSeconds(5),
                ExitCode.DRILL_FAILED);
        page = Jsoup.parse(HtmlReport.render(ReportModel.of(ReportFixtures.T0, run, Map.of())).get("lost-write.html"));
    }

    @Test
    void oneLostWriteIsCountedInTheSingularAndNamedOnTheCard() {
        Element lost = page.select("#rpo-rto .figure").first();
        assertThat(lost.select(".figure-value").text()).isEqualTo("1 write");
        assertThat(lost.select(".figure-lost").text()).isEqualTo("lost: app-17");
        assertThat(page.select("#rpo-rto .figure").get(1).select(".figure-value").text()).isEqualTo("0 writes");
    }

    @Test
    void aLagChartOfOneSampleShowsThatSample() {
        var dots = page.select("#lag circle.dot");
        assertThat(dots).hasSize(1);
        assertThat(Double.parseDouble(dots.attr("cx"))).isBetween(78.0, 884.0);
        assertThat(Double.parseDouble(dots.attr("cy"))).isBetween(16.0, 244.0);
        assertThat(dots.attr("r")).isEqualTo("5");
        assertThat(dots.select("title").text()).startsWith("replay_lag_bytes = 8 kB");
        assertThat(page.select("#lag text.point-label").text()).isEqualTo("8 kB");
    }
}
