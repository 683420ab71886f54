package dev.pgdrill.engine.report;

import dev.pgdrill.engine.model.Redactor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {
    private static Map<String, String> pages;

    @BeforeAll
    static void render() {
        pages = HtmlReport.render(ReportModel.of(ReportFixtures.T0, ReportFixtures.run(), Map.of()));
    }

    private static Document page(String name) {
        assertThat(pages).containsKey(name);
        return Jsoup.parse(pages.get(name));
    }

    @Test
    void indexSummarisesEveryDrillWithVerdictDurationAndLink() {
        Document index = page("index.html");
        var rows = index.select("table#summary tbody tr");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).select("a.drill-link").attr("href")).isEqualTo("replication-lag.html");
        assertThat(rows.get(0).select(".badge").text()).isEqualTo("PASSED");
        assertThat(rows.get(1).select(".badge").text()).isEqualTo("FAILED");
        assertThat(rows.get(2).select(".badge").text()).isEqualTo("ABORTED · interrupted");
        assertThat(rows.get(1).select("td.num").text()).isEqualTo("4.9s");
        assertThat(index.select("#verdict").text()).isEqualTo("1 of 4 passed");
        assertThat(index.select("#interrupted").text()).contains("interrupted");
        for (Element a : index.select("a.drill-link")) {
            assertThat(pages).containsKey(a.attr("href"));
        }
    }

    @Test
    void drillPageShowsTimelineWithFaultWindowsAndLagChart() {
        Document lag = page("replication-lag.html");
        assertThat(lag.select("#verdict").text()).isEqualTo("PASSED");
        assertThat(lag.select(".timeline .tl-bar.s-passed")).hasSize(6);
        assertThat(lag.select(".timeline .fault-window")).singleElement()
                .satisfies(w -> assertThat(w.text()).isEqualTo("pause replica"));
        assertThat(lag.select("#lag svg")).hasSize(2);
        Element bytes = lag.selectFirst("figure.lag-chart[data-unit=bytes]");
        assertThat(bytes.select("polyline.series")).hasSize(1);
        assertThat(bytes.select("circle.dot")).hasSize(10);
        assertThat(bytes.select("rect.fault-window")).hasSize(1);
        assertThat(bytes.select("text.ylabel").eachText()).containsExactly("0 B", "25 kB", "50 kB", "75 kB", "100 kB");
        assertThat(lag.select("#lag figure[data-unit=seconds] polyline")).hasSize(1);
        assertThat(lag.select("#evidence pre.evidence").text()).contains("started streaming WAL");
    }

    @Test
    void failedDrillPutsTheFailureWithLogTailFirst() {
        Document pitr = page("pitr.html");
        Element failure = pitr.selectFirst("main > section#failure");
        assertThat(failure).isNotNull();
        assertThat(pitr.selectFirst("main").child(0)).isEqualTo(failure);
        assertThat(failure.select(".failure-message").text()).startsWith("step 'Johnson is back'");
        assertThat(failure.select("pre.message").text()).contains("expected 1 row(s), found 0");
        assertThat(failure.select("pre.log").text()).contains("database system is ready to accept connections");
        Element failed = pitr.selectFirst("details#step-4");
        assertThat(failed.hasAttr("open")).isTrue();
        assertThat(failed.select("pre.sql").text()).startsWith("SELECT count(*) FROM customers");
        assertThat(pitr.select("details#step-5 .badge").text()).isEqualTo("SKIPPED");
        assertThat(pitr.select("details#finally-1 .label").text()).isEqualTo("drop helper table");
        assertThat(pitr.select("#evidence pre.evidence").text())
                .contains("recovery stopping before commit of transaction 745")
                .contains("last completed transaction was at log time");
        assertThat(pitr.select("details#step-1 table.kv").text()).contains("lsn").contains("0/3000148");
    }

    @Test
    void interruptedDrillShowsRpoRtoAndTheInterruption() {
        Document f = page("failover-data-loss.html");
        assertThat(f.select("#verdict").text()).isEqualTo("ABORTED · interrupted");
        assertThat(f.select("#failure h2").text()).isEqualTo("Interrupted");
        assertThat(f.select("#rpo-rto .figure.rpo .figure-value").text()).isEqualTo("1 transaction");
        assertThat(f.select("#rpo-rto .figure.rto .figure-value").text()).isEqualTo("2.4 s");
        assertThat(f.select(".timeline .fault-window").eachAttr("data-kind")).containsExactly("partition", "kill");
        assertThat(f.select("#lag")).isEmpty();
    }

    @Test
    void escapesEveryTextSoNothingCanBeInjected() {
        for (Map.Entry<String, String> p : pages.entrySet()) {
            Document d = Jsoup.parse(p.getValue());
            assertThat(d.select("script")).as(p.getKey()).hasSize(1);
            assertThat(d.select("img")).as(p.getKey()).isEmpty();
            assertThat(d.select("[onerror]")).as(p.getKey()).isEmpty();
        }
        assertThat(page("pitr.html").select("#failure pre.message").text()).contains(ReportFixtures.INJECTION);
    }

    @Test
    void isSelfContainedAndFreeOfPasswords() {
        for (Map.Entry<String, String> p : pages.entrySet()) {
            Document d = Jsoup.parse(p.getValue());
            assertThat(d.select("link[rel=stylesheet], script[src], img[src], iframe")).as(p.getKey()).isEmpty();
            assertThat(d.select("a[href]").eachAttr("href")).as(p.getKey())
                    .allSatisfy(h -> assertThat(h).doesNotStartWith("http"));
            assertThat(p.getValue()).as(p.getKey()).doesNotContain(ReportFixtures.SECRET).doesNotContain("@import");
        }
        assertThat(page("pitr.html").select("details#step-2 table.params").text())
                .contains("password " + Redactor.MASK).contains("postgresql://app:" + Redactor.MASK + "@127.0.0.1");
    }

    @Test
    void environmentFailureShowsAllStepsSkippedAndTheReason() {
        Document n = page("naive-backup.html");
        assertThat(n.select(".failure-message").text()).startsWith("environment could not be set up");
        assertThat(n.select("details.step.s-skipped")).hasSize(2);
    }
}
