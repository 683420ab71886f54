package dev.pgdrill.engine.report;

import dev.pgdrill.engine.model.Trial;

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

    /** One case per trial (failing when the trial did not pass, with the line that runs it alone), then the set's verdict. */
    static List<JunitCase> cases(TrialSetReport set, List<DrillReport> drills) {
        List<JunitCase> cases = new ArrayList<>();
        for (TrialSetReport.Point p : set.points()) {
            DrillReport d = drills.stream().filter(r -> Objects.equals(r.file(), set.file())
                    && Objects.equals(r.name(), set.name()) && Objects.equals(r.trial(), p.trial())).findFirst().orElse(null);
            int of = d != null && d.trials() != null ? d.trials() : Math.max(p.trial(), set.trials());
            String details = "seed " + set.seed() + ", trial " + p.trial() + ": run it alone with "
                    + Trial.rerun(set.seed(), p.trial(), of) + " " + set.file() + "\ndrawn: " + p.drawn()
                    + "\nlost writes: " + figure(p.lost()) + ", ghost writes: " + figure(p.ghost()) + ", rto seconds: "
                    + figure(p.seconds());
            cases.add(new JunitCase("trial " + p.trial(), p.status(), d == null ? 0 : d.durationMs(),
                    d == null ? null : d.message(), details));
        }
        StringBuilder bounds = new StringBuilder();
        set.bounds().forEach(b -> bounds.append(b.holds() ? "ok   " : "FAIL ").append(b.text()).append(": ")
                .append(b.value() == null ? "not measured" : b.key() + " = " + figure(b.value())).append('\n'));
        cases.add(new JunitCase("set of " + set.trials() + " trials", set.status(), 0, set.message(),
                bounds.toString()));
        return cases;
    }

    private static String figure(Double v) {
        return v == null ? "not measured" : Fmt.number(v);
    }
}
