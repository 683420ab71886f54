package dev.pgdrill.engine.report;

import dev.pgdrill.engine.model.Trial;
import dev.pgdrill.engine.run.StepStatus;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code <testsuite>} of a drill's trials in {@code junit.xml}: one {@code <testcase>} per trial (failing when
 * the trial did not pass, with the line that runs it alone), and one for the set's verdict over its bounds.
 */
final class TrialSuite {
    private TrialSuite() {
    }

    static void write(XMLStreamWriter x, JunitXmlWriter.SetSuite suite, int id) throws XMLStreamException {
        TrialSetReport set = suite.set();
        List<DrillReport> drills = suite.drills();
        String name = suite.name();
        List<JunitXmlWriter.Case> cases = new ArrayList<>();
        for (TrialSetReport.Point p : set.points()) {
            DrillReport d = drills.stream().filter(r -> Objects.equals(r.file(), set.file())
                    && Objects.equals(r.name(), set.name()) && Objects.equals(r.trial(), p.trial())).findFirst().orElse(null);
            int of = d != null && d.trials() != null ? d.trials() : Math.max(p.trial(), set.trials());
            String details = "seed " + set.seed() + ", trial " + p.trial() + ": run it alone with "
                    + Trial.rerun(set.seed(), p.trial(), of) + " " + set.file() + "\ndrawn: " + p.drawn()
                    + "\nlost writes: " + figure(p.lost()) + ", ghost writes: " + figure(p.ghost()) + ", rto seconds: "
                    + figure(p.seconds());
            cases.add(new JunitXmlWriter.Case("trial " + p.trial(), p.status(), d == null ? 0 : d.durationMs(),
                    d == null ? null : d.message(), details));
        }
        StringBuilder bounds = new StringBuilder();
        set.bounds().forEach(b -> bounds.append(b.holds() ? "ok   " : "FAIL ").append(b.text()).append(": ")
                .append(b.value() == null ? "not measured" : b.key() + " = " + figure(b.value())).append('\n'));
        cases.add(new JunitXmlWriter.Case("set of " + set.trials() + " trials", set.status(), 0, set.message(),
                bounds.toString()));
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", JunitXmlWriter.clean(name));
        x.writeAttribute("package", JunitXmlWriter.clean(name));
        x.writeAttribute("id", Integer.toString(id));
        x.writeAttribute("timestamp", "1970-01-01T00:00:00");
        x.writeAttribute("hostname", "localhost");
        x.writeAttribute("tests", Integer.toString(cases.size()));
        x.writeAttribute("failures", JunitXmlWriter.count(cases, StepStatus.FAILED));
        x.writeAttribute("errors", JunitXmlWriter.count(cases, StepStatus.ABORTED));
        x.writeAttribute("skipped", JunitXmlWriter.count(cases, StepStatus.SKIPPED));
        x.writeAttribute("time", JunitXmlWriter.seconds(cases.stream().mapToLong(JunitXmlWriter.Case::durationMs).sum()));
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        JunitXmlWriter.property(x, "file", set.file());
        JunitXmlWriter.property(x, "seed", Long.toString(set.seed()));
        JunitXmlWriter.property(x, "passed", set.passed() + " of " + set.trials());
        JunitXmlWriter.property(x, "status", set.status().name());
        JunitXmlWriter.property(x, "message", set.message());
        x.writeCharacters("\n    ");
        x.writeEndElement();
        for (JunitXmlWriter.Case c : cases) {
            JunitXmlWriter.testcase(x, name, c);
        }
        x.writeCharacters("\n    ");
        x.writeEmptyElement("system-out");
        x.writeCharacters("\n    ");
        x.writeEmptyElement("system-err");
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static String figure(Double v) {
        return v == null ? "not measured" : Fmt.number(v);
    }
}
