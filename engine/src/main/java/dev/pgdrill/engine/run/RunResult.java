package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.ExitCode;

import java.time.Duration;
import java.util.List;

/** All drills of one {@code runner} invocation and the exit code they add up to. */
public record RunResult(List<DrillResult> drills, Duration duration, ExitCode exitCode) {
    public RunResult {
        drills = List.copyOf(drills);
    }

    /** The worst exit code of {@code drills} (see {@link ExitCode#worse}); OK for none. */
    public static ExitCode worst(List<DrillResult> drills) {
        return drills.stream().map(DrillResult::exitCode).reduce(ExitCode.OK, ExitCode::worse);
    }
}
