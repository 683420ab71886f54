package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.scenario.Scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one drill.
 *
 * @param scenario     the drill
 * @param environment  environment kind ({@code local}, {@code compose})
 * @param status       PASSED when every step passed; FAILED when a step failed; ABORTED when the
 *                     environment could not be set up, the drill deadline passed or the run was interrupted
 * @param start        start time
 * @param duration     wall time including environment set-up and clean-up
 * @param steps        results of the main steps, in order (skipped ones included)
 * @param finallySteps results of the {@code finally} steps
 * @param message      why it did not pass (first failure), else null
 * @param exitCode     the exit code this drill alone would give; a signal's code when it was interrupted
 */
public record DrillResult(Scenario scenario, String environment, StepStatus status, Instant start,
                          Duration duration, List<StepResult> steps, List<StepResult> finallySteps,
                          String message, ExitCode exitCode) {
    public DrillResult {
        steps = List.copyOf(steps);
        finallySteps = List.copyOf(finallySteps);
    }

    public boolean passed() {
        return status == StepStatus.PASSED;
    }
}
