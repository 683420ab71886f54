package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.TrialBound;
import dev.pgdrill.engine.scenario.Scenario;

import java.util.List;

/**
 * The trials of one drill in a run, judged as a set (see {@link TrialSets}).
 *
 * @param scenario the drill as written (its trial plan says the bounds)
 * @param seed     the run's seed
 * @param trials   each trial's result, by trial number
 * @param passed   how many trials passed
 * @param bounds   each bound of {@code trials:} with the value the set reached
 * @param ok       whether the set passed: its trials passed (or {@code min-passed} of them) and every bound held
 * @param message  the verdict in a line: how many passed, which bound failed, and the trial to re-run alone
 * @param rerun    the trial to re-run alone ({@code runner --seed S --trial K}), or 0 when the set passed
 */
public record TrialSetResult(Scenario scenario, long seed, List<DrillResult> trials, int passed,
                             List<BoundResult> bounds, boolean ok, String message, int rerun) {
    public TrialSetResult {
        trials = List.copyOf(trials);
        bounds = List.copyOf(bounds);
    }

    /** DRILL_FAILED when the set did not pass, else OK (the trials' own codes count apart). */
    public ExitCode exitCode() {
        return ok ? ExitCode.OK : ExitCode.DRILL_FAILED;
    }

    /**
     * One bound over the set.
     *
     * @param bound    as written
     * @param value    the statistic the set reached, or null when no trial measured it
     * @param measured how many trials measured it
     * @param holds    whether the bound held
     * @param trial    the trial that reached {@code value} (0 when none)
     */
    public record BoundResult(TrialBound bound, Double value, int measured, boolean holds, int trial) {
    }
}
