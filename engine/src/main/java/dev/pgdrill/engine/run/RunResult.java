package dev.pgdrill.engine.run;

import java.time.Duration;
import java.util.List;

/** All drills of one {@code runner} invocation and the exit code they add up to. */
public record RunResult(List<DrillResult> drills, Duration duration, int exitCode) {
    public RunResult {
        drills = List.copyOf(drills);
    }
}
