package dev.pgdrill.engine.report;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.run.StepStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class JunitXmlWriterTest {
    private static String xml;
    private static Document doc;

    @BeforeAll
    static void render() throws Exception {
        RunReport run = ReportModel.of(ReportFixtures.T0, ReportFixtures.run(), Map.of());
        xml = JunitXmlWriter.toXml(run, Path.of("target", "drill-reports"));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static void validate(String xsd) throws SAXException, java.io.IOException {
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        var schema = sf.newSchema(JunitXmlWriterTest.class.getResource("/report/" + xsd));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void validatesAgainstJenkinsJunitSchema() {
        assertThatCode(() -> validate("jenkins-junit-10.xsd")).doesNotThrowAnyException();
    }

    @Test
    void validatesAgainstAntJunitSchema() {
        assertThatCode(() -> validate("ant-junit-windyroad.xsd")).doesNotThrowAnyException();
    }

    private static Element suite(String name) {
        NodeList suites = doc.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element e = (Element) suites.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testsuite " + name + " in\n" + xml);
    }

    @Test
    void writesOneSuitePerDrillWithStepCounts() {
        assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(4);
        Element lag = suite("replication-lag");
        assertThat(lag.getAttribute("tests")).isEqualTo("6");
        assertThat(lag.getAttribute("failures")).isEqualTo("0");
        assertThat(lag.getAttribute("timestamp")).isEqualTo("2024-05-01T10:00:00");
        Element pitr = suite("pitr");
        assertThat(pitr.getAttribute("tests")).isEqualTo("6");
        assertThat(pitr.getAttribute("failures")).isEqualTo("1");
        assertThat(pitr.getAttribute("errors")).isEqualTo("0");
        assertThat(pitr.getAttribute("skipped")).isEqualTo("1");
        Element failover = suite("failover-data-loss");
        assertThat(failover.getAttribute("errors")).isEqualTo("1");
        assertThat(failover.getAttribute("skipped")).isEqualTo("1");
    }

    @Test
    void namesTestCasesByStepNameWithoutPosition() {
        Element first = (Element) suite("pitr").getElementsByTagName("testcase").item(0);
        assertThat(first.getAttribute("name")).isEqualTo("capture-target before");
        assertThat(first.getAttribute("classname")).isEqualTo("pitr");
        assertThat(first.getAttribute("time")).isEqualTo("0.410");
        Element last = (Element) suite("pitr").getElementsByTagName("testcase").item(5);
        assertThat(last.getAttribute("name")).isEqualTo("finally drop helper table");
    }

    private static StepReport step(int number, String id, String label, StepStatus status) {
        return new StepReport("steps", number, id, label, "sql", "drill.yaml:" + (number * 3 + 2) + ":5", status,
                "2024-05-01T10:00:00Z", 10, null, null, null, null, null,
                status == StepStatus.FAILED ? "boom\nsecond line" : null, null);
    }

    private static List<String> names(DrillReport d) throws Exception {
        RunReport run = new RunReport(RunReport.FORMAT, "2024-05-01T10:00:00Z", 1, ExitCode.OK, true, "local", List.of(d));
        Document parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(JunitXmlWriter.toXml(run).getBytes(StandardCharsets.UTF_8)));
        NodeList cases = parsed.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        return names;
    }

    private static DrillReport drill(List<StepReport> steps, StepStatus status) {
        return new DrillReport("d", null, "drill.yaml", "d.html", "local", null, status, "2024-05-01T10:00:00Z", 1,
                null, ExitCode.OK, steps, List.of());
    }

    @Test
    void insertingAStepDoesNotRenameTheOthersAndOnlySharedNamesAreNumbered() throws Exception {
        List<String> before = names(drill(List.of(step(1, "a", "load", StepStatus.PASSED),
                step(2, null, "check", StepStatus.PASSED), step(3, null, "check", StepStatus.PASSED),
                step(4, "after", "after", StepStatus.PASSED)), StepStatus.PASSED));
        List<String> after = names(drill(List.of(step(1, "a", "load", StepStatus.PASSED),
                step(2, null, "inserted", StepStatus.PASSED), step(3, null, "check", StepStatus.PASSED),
                step(4, null, "check", StepStatus.PASSED), step(5, "after", "after", StepStatus.PASSED)),
                StepStatus.PASSED));
        assertThat(before).containsExactly("load", "#2 check", "#3 check", "after");
        assertThat(after).containsExactly("load", "inserted", "#3 check", "#4 check", "after");
        assertThat(names(drill(List.of(step(1, null, "x", StepStatus.PASSED), step(2, null, "x", StepStatus.PASSED),
                step(3, null, "#2 x", StepStatus.PASSED)), StepStatus.PASSED)))
                .doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void failureTextStartsWithTheStepsFileAndLineAndTheSuiteAttachesTheDrillPage() throws Exception {
        DrillReport d = drill(List.of(step(1, null, "load", StepStatus.PASSED), step(2, null, "check", StepStatus.FAILED)),
                StepStatus.FAILED);
        RunReport run = new RunReport(RunReport.FORMAT, "2024-05-01T10:00:00Z", 1, ExitCode.DRILL_FAILED, true, "local",
                List.of(d));
        String text = JunitXmlWriter.toXml(run, Path.of("target", "drill-reports"));
        Document parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        String failure = parsed.getElementsByTagName("failure").item(0).getTextContent();
        assertThat(failure.strip().lines().findFirst()).hasValue("drill.yaml:8:5: step failed: boom");
        assertThat(parsed.getElementsByTagName("system-out").item(0).getTextContent())
                .startsWith("\n[[ATTACHMENT|target/drill-reports/d.html]]\n");
    }

    @Test
    void noTextFromADrillBecomesADirectiveOfJenkinsJunitPlugins() {
        String attach = "[[ATTACHMENT|/etc/shadow]]";
        StepReport hostile = new StepReport("steps", 1, null, attach, "sql", "drill.yaml:5:5", StepStatus.FAILED,
                "2024-05-01T10:00:00Z", 10, Map.of("sql", attach), null, null, null,
                List.of("evidence " + attach, "[[[ATTACHMENT|/root/.ssh/id_rsa]]"), "failed: [[PROPERTY|x]]=1 " + attach,
                List.of("LOG: " + attach));
        DrillReport d = new DrillReport(attach, null, "[[PROPERTY|f]].yaml", "d.html", "local", null, StepStatus.FAILED,
                "2024-05-01T10:00:00Z", 1, "[[PROPERTY|m]]", ExitCode.DRILL_FAILED, List.of(hostile), List.of());
        String text = JunitXmlWriter.toXml(new RunReport(RunReport.FORMAT, "2024-05-01T10:00:00Z", 1,
                ExitCode.DRILL_FAILED, true, "local", List.of(d)), Path.of("target", "drill-reports"));
        assertThat(text).contains("[\u200B[ATTACHMENT|/etc/shadow]]", "evidence [\u200B[ATTACHMENT", "LOG: [\u200B[",
                "[\u200B[\u200B[ATTACHMENT|/root").doesNotContain("[[PROPERTY|");
        assertThat(text.split("\\[\\[ATTACHMENT\\|", -1)).as("only the runner's own attachment line").hasSize(2);
        assertThat(text).containsPattern("\n\\[\\[ATTACHMENT\\|target/drill-reports/[A-Za-z-]+\\.html]]\n");
    }

    @Test
    void failureCarriesMessageContextAndLogTail() {
        Element failure = (Element) suite("pitr").getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("expected 1 row(s), found 0 on node 'primary'");
        assertThat(failure.getTextContent()).contains("\nscenarios/pitr.yaml:14:5: step failed: expected 1 row(s)").contains("server log tail:")
                .contains("database system is ready to accept connections");
        String out = suite("pitr").getElementsByTagName("system-out").item(0).getTextContent();
        assertThat(out).startsWith("\n[[ATTACHMENT|target/drill-reports/pitr.html]]\n").contains("server log tail").contains("recovery stopping before commit of transaction 745");
    }

    @Test
    void abortedStepIsAnErrorAndEnvironmentFailureGetsItsOwnCase() {
        Element error = (Element) suite("failover-data-loss").getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("interrupted by signal");
        Element env = suite("naive-backup");
        assertThat(env.getAttribute("tests")).isEqualTo("3");
        assertThat(env.getAttribute("errors")).isEqualTo("1");
        assertThat(env.getAttribute("skipped")).isEqualTo("2");
        assertThat(((Element) env.getElementsByTagName("error").item(0)).getAttribute("message"))
                .startsWith("environment could not be set up");
    }

    @Test
    void neverContainsThePassword() {
        assertThat(xml).doesNotContain(ReportFixtures.SECRET).contains(Redactor.MASK);
    }

    @Test
    void showsControlCharactersEscapedAndDropsWhatXmlCannotHold() {
        assertThat(JunitXmlWriter.clean("a\u001B[31mb\u0000c\td\uFFFEe")).isEqualTo("a\\x1b[31mb\\x00c\tde");
    }
}
