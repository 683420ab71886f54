package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.ExitCode;

import java.time.Duration;
import java.util.List;

/**
 * All drills of one {@code runner} invocation and the exit code they add up to.
 *
 * @param sets the trials among {@code drills} judged as a set per drill (see {@link TrialSets}); empty when no
 *             drill is tried
 */
public record RunResult(List<DrillResult> drills, Duration duration, ExitCode exitCode, List<TrialSetResult> sets) {
    public RunResult {
        drills = List.copyOf(drills);
        sets = sets == null ? List.of() : List.copyOf(sets);
    }

    /** A run whose trials (if any) are judged as sets here; the exit code also counts a set that failed. */
    public RunResult(List<DrillResult> drills, Duration duration, ExitCode exitCode) {
        this(drills, duration, exitCode, TrialSets.judge(drills));
    }

    /** The worst exit code of {@code drills} (see {@link ExitCode#worse}); OK for none. */
    public static ExitCode worst(List<DrillResult> drills) {
        return drills.stream().map(DrillResult::exitCode).reduce(ExitCode.OK, ExitCode::worse);
    }
}
