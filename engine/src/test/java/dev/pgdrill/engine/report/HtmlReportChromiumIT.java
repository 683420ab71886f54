package dev.pgdrill.engine.report;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the HTML report in Debian's headless Chromium: the key parts render, the page's self-check
 * script runs, nothing is logged to the console (no script error, no blocked network request), and
 * a screenshot is kept at {@code <build dir>/report-screenshot.png} for people to look at.
 */
class HtmlReportChromiumIT {
    private static Path buildDir;
    private static Path reportDir;

    @BeforeAll
    static void writeReport() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.available(),
                "skipped: " + HeadlessChromium.BINARY + " not found (install Debian's 'chromium' package)");
        Path testClasses = Path.of(HtmlReportChromiumIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        buildDir = testClasses.getParent();
        reportDir = buildDir.resolve("report-sample");
        ReportFilesListener.writeAll(ReportModel.of(ReportFixtures.T0, ReportFixtures.run(),
                Map.of("scenarios/pitr.yaml", "/tmp/pgdrill-run/pitr")), reportDir);
    }

    private static Document open(String page, String screenshot) throws Exception {
        Path work = Files.createDirectories(buildDir.resolve("chromium-work"));
        HeadlessChromium.Result r = HeadlessChromium.load(reportDir.resolve(page), buildDir.resolve(screenshot), work);
        assertThat(r.consoleLines()).as("console messages of " + page).isEmpty();
        assertThat(r.screenshot()).exists();
        Document dom = Jsoup.parse(r.dom());
        assertThat(dom.body().attr("data-selfcheck")).as("self-check of " + page).isEqualTo("ok");
        assertThat(dom.selectFirst("html").hasClass("js")).isTrue();
        return dom;
    }

    @Test
    void failedDrillPageRendersWithFailureTimelineAndStepsAndKeepsAScreenshot() throws Exception {
        Document dom = open("pitr.html", "report-screenshot.png");
        assertThat(dom.select("#verdict").text()).isEqualTo("FAILED");
        assertThat(dom.select("#failure pre.log").text()).contains("database system is ready");
        assertThat(dom.select(".timeline .tl-bar")).hasSizeGreaterThanOrEqualTo(6);
        assertThat(dom.select("details.step")).hasSize(6);
        assertThat(dom.select("#evidence pre.evidence").text()).contains("recovery stopping before commit");
        BufferedImage img = ImageIO.read(buildDir.resolve("report-screenshot.png").toFile());
        assertThat(img.getWidth()).isEqualTo(1280);
        assertThat(colours(img)).as("distinct colours: a rendered page, not a blank one").isGreaterThan(50);
    }

    @Test
    void lagDrillPageRendersTheChartAndFaultWindow() throws Exception {
        Document dom = open("replication-lag.html", "report-lag-screenshot.png");
        assertThat(dom.select("#lag svg polyline.series")).hasSize(2);
        assertThat(dom.select(".timeline .fault-window").text()).isEqualTo("pause replica");
    }

    @Test
    void indexRendersTheSummaryTable() throws Exception {
        Document dom = open("index.html", "report-index-screenshot.png");
        assertThat(dom.select("table#summary tbody tr")).hasSize(4);
        assertThat(dom.select("#interrupted")).hasSize(1);
    }

    private static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
