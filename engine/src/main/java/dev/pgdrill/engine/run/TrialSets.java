package dev.pgdrill.engine.run;

import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.model.Percentiles;
import dev.pgdrill.engine.model.Trial;
import dev.pgdrill.engine.model.TrialBound;
import dev.pgdrill.engine.scenario.Scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges the trials of drills (made by {@link RunPlan}) as sets. A trial's measurements: {@code lost} and {@code ghost}, the
 * writes its {@code rpo} steps counted (summed over them), and {@code seconds}, its {@code rto} (the largest when
 * it has several).
 */
public final class TrialSets {
    /** Measurement names of the rpo and rto steps. */
    static final String LOST = "rpo_lost_writes";
    static final String GHOST = "rpo_ghost_writes";
    static final String SECONDS = "rto_seconds";

    private TrialSets() {
    }

    /** The trials among {@code drills} grouped by drill (in run order) and judged; drills that are not trials are left out. */
    public static List<TrialSetResult> judge(List<DrillResult> drills) {
        Map<String, List<DrillResult>> sets = new LinkedHashMap<>();
        for (DrillResult d : drills) {
            if (d.scenario().trial() != null) {
                sets.computeIfAbsent(d.scenario().file() + "\n" + d.scenario().name(), k -> new ArrayList<>()).add(d);
            }
        }
        return sets.values().stream().map(TrialSets::judgeSet).toList();
    }

    /** A trial's measurement ({@code lost}, {@code ghost} or {@code seconds}), or null when it has none. */
    public static Double measure(DrillResult trial, String what) {
        String name = switch (what) {
            case "lost" -> LOST;
            case "ghost" -> GHOST;
            default -> SECONDS;
        };
        Double value = null;
        for (StepResult s : trial.steps()) {
            for (Measurement m : s.measurements()) {
                if (m.name().equals(name)) {
                    value = value == null ? m.value() : name.equals(SECONDS) ? Math.max(value, m.value()) : value + m.value();
                }
            }
        }
        return value;
    }

    private static TrialSetResult judgeSet(List<DrillResult> trials) {
        trials = trials.stream().sorted((a, b) -> Integer.compare(a.scenario().trial().number(),
                b.scenario().trial().number())).toList();
        Scenario scenario = trials.get(0).scenario();
        long seed = scenario.trial().runSeed();
        int passed = (int) trials.stream().filter(DrillResult::passed).count();
        List<TrialSetResult.BoundResult> bounds = new ArrayList<>();
        TrialBound minPassed = null;
        for (TrialBound b : scenario.trials().bounds()) {
            if ("passed".equals(b.measure())) {
                minPassed = b;
                bounds.add(new TrialSetResult.BoundResult(b, (double) passed, trials.size(), b.holds(passed), 0));
            } else {
                bounds.add(bound(b, trials));
            }
        }
        boolean enoughPassed = minPassed == null ? passed == trials.size() : minPassed.holds(passed);
        TrialSetResult.BoundResult broken = bounds.stream().filter(r -> !r.holds()).findFirst().orElse(null);
        boolean ok = enoughPassed && broken == null;
        int rerun = 0;
        StringBuilder why = new StringBuilder(passed + " of " + trials.size() + " trials passed");
        if (broken != null && broken.bound().measure().equals("passed")) {
            why.append("; ").append(broken.bound().describe()).append(" failed");
        } else if (broken != null) {
            rerun = broken.trial();
            why.append("; ").append(broken.bound().describe()).append(" failed: ")
                    .append(broken.value() == null ? "no trial measured " + broken.bound().measure()
                            : broken.bound().key() + " = " + TrialBound.number(broken.value())
                            + (rerun > 0 ? " (trial " + rerun + ")" : ""));
        }
        if (!ok && rerun == 0) {
            rerun = trials.stream().filter(t -> !t.passed()).map(t -> t.scenario().trial().number()).findFirst().orElse(0);
            if (rerun > 0) {
                why.append("; trial ").append(rerun).append(" did not pass");
            }
        }
        if (rerun > 0) {
            why.append("; re-run it alone: ").append(Trial.rerun(seed, rerun, scenario.trial().of())).append(' ')
                    .append(scenario.file());
        }
        return new TrialSetResult(scenario, seed, trials, passed, bounds, ok, why.toString(), rerun);
    }

    private static TrialSetResult.BoundResult bound(TrialBound b, List<DrillResult> trials) {
        List<Double> values = new ArrayList<>();
        Map<Double, Integer> firstTrial = new LinkedHashMap<>();
        for (DrillResult t : trials) {
            Double v = measure(t, b.measure());
            if (v != null) {
                values.add(v);
                firstTrial.putIfAbsent(v, t.scenario().trial().number());
            }
        }
        Double value = Percentiles.of(values, b.percentile());
        return new TrialSetResult.BoundResult(b, value, values.size(), value != null && b.holds(value),
                value == null ? 0 : firstTrial.get(value));
    }
}
