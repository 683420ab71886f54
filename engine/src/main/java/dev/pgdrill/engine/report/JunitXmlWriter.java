package dev.pgdrill.engine.report;

import dev.pgdrill.engine.run.StepStatus;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes {@code junit.xml}: one {@code <testsuite>} per drill (name = drill name), one
 * {@code <testcase>} per step (classname = drill name, name = the step's name or id, numbered only
 * where two steps would share a name: see {@link JunitNames}). A failed step gets {@code <failure>},
 * an aborted one {@code <error>}, a skipped one {@code <skipped/>}; the message and context (the
 * step's {@code file:line:column} first, parameters, evidence, server log tail) go into the element;
 * the suite's {@code <system-out>} starts with {@code [[ATTACHMENT|dir/page.html]]} (the drill's
 * HTML page, for Jenkins' and GitLab's attachment support) and holds the server log tails and
 * evidence of the drill. A drill that did not pass without any failing step (environment set-up,
 * clean-up) gets one extra test case so that CI sees it fail. The layout satisfies both the Ant schema and Jenkins' junit-10 schema.
 */
public final class JunitXmlWriter {
    /** File name inside a report directory. */
    public static final String FILE = "junit.xml";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private JunitXmlWriter() {
    }

    /** The JUnit XML of {@code run}, without attachment lines. */
    public static String toXml(RunReport run) {
        return toXml(run, null);
    }

    /**
     * The JUnit XML of {@code run}.
     *
     * @param reportDir the directory of the HTML pages as a CI job sees it (e.g. {@code target/drill-reports}),
     *                  for the attachment lines; null for none
     */
    public static String toXml(RunReport run, Path reportDir) {
        List<String> pages = ReportModel.pageNames(run.drills());
        List<Suite> suites = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            DrillReport d = run.drills().get(i);
            suites.add(new Suite(d, d.title(), attachment(reportDir, pages.get(i)), Map.of()));
        }
        List<SetSuite> sets = run.trialSets().stream().map(t -> new SetSuite(t, t.name() + " trials", run.drills()))
                .toList();
        return toXml(suites, sets);
    }

    /**
     * One {@code <testsuite>}: a drill under a suite name (unique in the file), the page it links
     * (or null) and facts about the run it came from (written as {@code run.KEY} properties).
     */
    record Suite(DrillReport drill, String name, String attachment, Map<String, String> runFacts) {
    }

    /**
     * The {@code <testsuite>} of a trial set: the set, its suite name (unique in the file) and the drills of the
     * run it came from (each trial's message is taken from them).
     */
    record SetSuite(TrialSetReport set, String name, List<DrillReport> drills) {
    }

    /** The path written in an attachment line, or null without a report directory. */
    static String attachment(Path reportDir, String page) {
        return reportDir == null ? null : reportDir.resolve(page).toString();
    }

    /** The drills' suites, then one per trial set. */
    static String toXml(List<Suite> suites, List<SetSuite> sets) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites"); // no attributes: the Ant schema allows none here
            int id = 0;
            for (Suite suite : suites) {
                suite(x, suite, id++);
            }
            for (SetSuite set : sets) {
                setSuite(x, set, id++);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return out.toString() + "\n";
    }

    private static void setSuite(XMLStreamWriter x, SetSuite suite, int id) throws XMLStreamException {
        TrialSetReport set = suite.set();
        String name = suite.name();
        List<JunitCase> cases = TrialSuite.cases(set, suite.drills());
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean(name));
        x.writeAttribute("package", clean(name));
        x.writeAttribute("id", Integer.toString(id));
        x.writeAttribute("timestamp", "1970-01-01T00:00:00");
        x.writeAttribute("hostname", "localhost");
        x.writeAttribute("tests", Integer.toString(cases.size()));
        x.writeAttribute("failures", count(cases, StepStatus.FAILED));
        x.writeAttribute("errors", count(cases, StepStatus.ABORTED));
        x.writeAttribute("skipped", count(cases, StepStatus.SKIPPED));
        x.writeAttribute("time", seconds(cases.stream().mapToLong(JunitCase::durationMs).sum()));
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "file", set.file());
        property(x, "seed", Long.toString(set.seed()));
        property(x, "passed", set.passed() + " of " + set.trials());
        property(x, "status", set.status().name());
        property(x, "message", set.message());
        x.writeCharacters("\n    ");
        x.writeEndElement();
        for (JunitCase c : cases) {
            testcase(x, name, c);
        }
        x.writeCharacters("\n    ");
        x.writeEmptyElement("system-out");
        x.writeCharacters("\n    ");
        x.writeEmptyElement("system-err");
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void suite(XMLStreamWriter x, Suite suite, int id) throws XMLStreamException {
        DrillReport d = suite.drill();
        List<JunitCase> cases = cases(d);
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean(suite.name()));
        x.writeAttribute("package", clean(suite.name()));
        x.writeAttribute("id", Integer.toString(id));
        x.writeAttribute("timestamp", timestamp(d.start()));
        x.writeAttribute("hostname", "localhost");
        x.writeAttribute("tests", Integer.toString(cases.size()));
        x.writeAttribute("failures", count(cases, StepStatus.FAILED));
        x.writeAttribute("errors", count(cases, StepStatus.ABORTED));
        x.writeAttribute("skipped", count(cases, StepStatus.SKIPPED));
        x.writeAttribute("time", seconds(d.durationMs()));
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "environment", d.environment());
        property(x, "backup-tool", d.backupTool());
        property(x, "server-versions", d.serverVersions());
        property(x, "location", d.location());
        property(x, "file", d.file());
        property(x, "status", d.status().name());
        property(x, "exitCode", Integer.toString(d.exitCode().code()));
        property(x, "message", d.message());
        property(x, "trial", d.trial() == null ? null : d.trial().toString());
        property(x, "seed", d.seed() == null ? null : d.seed().toString());
        for (Map.Entry<String, String> drawn : d.drawn().entrySet()) {
            property(x, "drawn." + drawn.getKey(), drawn.getValue());
        }
        for (Map.Entry<String, String> f : suite.runFacts().entrySet()) {
            property(x, "run." + f.getKey(), f.getValue());
        }
        List<StepReport> steps = d.allSteps();
        List<String> names = JunitNames.of(d);
        for (int i = 0; i < steps.size(); i++) {
            for (var m : steps.get(i).measurements()) {
                property(x, "measurement." + names.get(i) + "." + m.name(), Fmt.measurement(m));
            }
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
        for (JunitCase c : cases) {
            testcase(x, suite.name(), c);
        }
        x.writeCharacters("\n    ");
        x.writeStartElement("system-out");
        x.writeCharacters("\n");
        if (suite.attachment() != null) { // the one directive the runner means (its own path and page name)
            x.writeCharacters("[[ATTACHMENT|" + xmlText(suite.attachment()) + "]]\n");
        }
        x.writeCharacters(clean(systemOut(d)));
        x.writeEndElement();
        x.writeCharacters("\n    ");
        x.writeEmptyElement("system-err");
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static List<JunitCase> cases(DrillReport d) {
        List<JunitCase> cases = new ArrayList<>();
        List<StepReport> steps = d.allSteps();
        List<String> names = JunitNames.of(d);
        for (int i = 0; i < steps.size(); i++) {
            StepReport s = steps.get(i);
            cases.add(new JunitCase(names.get(i), s.status(), s.durationMs(), s.message(), JunitContext.of(d, s)));
        }
        if (d.status() != StepStatus.PASSED && d.failedStep() == null) {
            cases.add(new JunitCase("drill " + d.name(), d.status(), d.durationMs(), d.message(),
                    JunitContext.of(d, null)));
        }
        return cases;
    }

    static void testcase(XMLStreamWriter x, String classname, JunitCase c) throws XMLStreamException {
        x.writeCharacters("\n    ");
        boolean empty = c.status() == StepStatus.PASSED;
        if (empty) {
            x.writeEmptyElement("testcase");
        } else {
            x.writeStartElement("testcase");
        }
        x.writeAttribute("name", clean(c.name()));
        x.writeAttribute("classname", clean(classname));
        x.writeAttribute("time", seconds(c.durationMs()));
        if (empty) {
            return;
        }
        x.writeCharacters("\n      ");
        switch (c.status()) {
            case SKIPPED -> {
                x.writeStartElement("skipped");
                if (c.message() != null) {
                    x.writeAttribute("message", clean(c.message()));
                }
                x.writeEndElement();
            }
            case FAILED, ABORTED -> {
                boolean failed = c.status() == StepStatus.FAILED;
                x.writeStartElement(failed ? "failure" : "error");
                x.writeAttribute("message", clean(c.message() == null ? c.status().word() : c.message()));
                x.writeAttribute("type", failed ? "pgdrill.StepFailed" : "pgdrill.Aborted");
                x.writeCharacters(clean(c.details()));
                x.writeEndElement();
            }
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    private static String systemOut(DrillReport d) {
        StringBuilder b = new StringBuilder();
        for (StepReport s : d.allSteps()) {
            if (!s.evidence().isEmpty()) {
                b.append("== ").append(s.title()).append(": evidence ==\n");
                s.evidence().forEach(l -> b.append(l).append('\n'));
            }
            if (!s.logTail().isEmpty()) {
                b.append("== ").append(s.title()).append(": server log tail ==\n");
                s.logTail().forEach(l -> b.append(l).append('\n'));
            }
        }
        return b.toString();
    }

    static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", clean(name));
        x.writeAttribute("value", clean(value));
    }

    static String count(List<JunitCase> cases, StepStatus status) {
        return Long.toString(cases.stream().filter(c -> c.status() == status).count());
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    static String timestamp(String iso) {
        try {
            return TIMESTAMP.format(Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return "1970-01-01T00:00:00";
        }
    }

    /**
     * Untrusted text as written into the XML: {@link #xmlText}, and every {@code [[} broken by a
     * zero-width space (U+200B), so that no name, message, property or log line becomes a directive
     * of Jenkins' JUnit plugins ({@code [[ATTACHMENT|/etc/shadow]]} would attach that file to the build,
     * {@code [[PROPERTY|k=v]]} would set a property).
     */
    public static String clean(String s) {
        return OPEN_BRACKETS.matcher(xmlText(s)).replaceAll("[\u200B");
    }

    private static final Pattern OPEN_BRACKETS = Pattern.compile("\\[(?=\\[)");

    /**
     * Text XML 1.0 can hold: control characters (ANSI escapes among them) shown escaped (see
     * {@link Printable#text}), anything else XML cannot hold (lone surrogates, U+FFFE/U+FFFF) removed.
     */
    static String xmlText(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        Printable.text(s).codePoints().forEach(cp -> {
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (ok) {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
