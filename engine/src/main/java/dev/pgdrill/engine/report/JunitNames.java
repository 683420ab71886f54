package dev.pgdrill.engine.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JUnit test case name of each step of a drill, stable across edits of the scenario: the
 * step's name, else its id (a step with neither is {@code #N type}), with {@code finally } in
 * front for finally steps. Only where two steps of the drill would share a name do both get their
 * position ({@code #N name}), so inserting a step does not rename the others in a CI's test history.
 */
final class JunitNames {
    private JunitNames() {
    }

    /** One name per step of {@link DrillReport#allSteps()}, in that order, all different. */
    static List<String> of(DrillReport d) {
        List<StepReport> steps = d.allSteps();
        Map<String, Integer> uses = new HashMap<>();
        steps.forEach(s -> uses.merge(plain(s), 1, Integer::sum));
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (StepReport s : steps) {
            String name = uses.get(plain(s)) > 1 ? numbered(s) : plain(s);
            String unique = name;
            for (int i = 2; !taken.add(unique); i++) { // a step literally named like another's "#N name"
                unique = name + " (" + i + ")";
            }
            names.add(unique);
        }
        return names;
    }

    private static String plain(StepReport s) {
        return (s.finallyBlock() ? "finally " : "") + label(s);
    }

    private static String numbered(StepReport s) {
        String l = label(s);
        return (s.finallyBlock() ? "finally " : "") + (l.startsWith("#") ? l : "#" + s.number() + " " + l);
    }

    private static String label(StepReport s) {
        return s.label() != null ? s.label() : s.id() != null ? s.id() : "#" + s.number() + " " + s.type();
    }
}
