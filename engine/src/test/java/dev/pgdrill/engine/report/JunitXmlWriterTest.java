package dev.pgdrill.engine.report;

import dev.pgdrill.engine.model.Redactor;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class JunitXmlWriterTest {
    private static String xml;
    private static Document doc;

    @BeforeAll
    static void render() throws Exception {
        RunReport run = ReportModel.of(ReportFixtures.T0, ReportFixtures.run(), Map.of());
        xml = JunitXmlWriter.toXml(run);
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
    void namesTestCasesByStepNumberAndLabel() {
        Element first = (Element) suite("pitr").getElementsByTagName("testcase").item(0);
        assertThat(first.getAttribute("name")).isEqualTo("#1 capture-target before");
        assertThat(first.getAttribute("classname")).isEqualTo("pitr");
        assertThat(first.getAttribute("time")).isEqualTo("0.410");
        Element last = (Element) suite("pitr").getElementsByTagName("testcase").item(5);
        assertThat(last.getAttribute("name")).isEqualTo("finally #1 drop helper table");
    }

    @Test
    void failureCarriesMessageContextAndLogTail() {
        Element failure = (Element) suite("pitr").getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("expected 1 row(s), found 0 on node 'primary'");
        assertThat(failure.getTextContent()).contains("at: scenarios/pitr.yaml:").contains("server log tail:")
                .contains("database system is ready to accept connections");
        String out = suite("pitr").getElementsByTagName("system-out").item(0).getTextContent();
        assertThat(out).contains("server log tail").contains("recovery stopping before commit of transaction 745");
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
