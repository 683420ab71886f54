package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.scenario.Scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one drill.
 *
 * @param scenario     the drill
 * @param environment  environment kind ({@code local}, {@code compose})
 * @param status       PASSED when every step passed; FAILED when a step failed; ABORTED when the
 *                     environment could not be set up, the drill deadline passed or the run was interrupted;
 *                     SKIPPED when it never started (fail-fast after an earlier drill did not pass)
 * @param start        start time
 * @param duration     wall time including environment set-up and clean-up
 * @param steps        results of the main steps, in order (skipped ones included)
 * @param finallySteps results of the {@code finally} steps
 * @param message      why it did not pass (first failure), else null
 * @param exitCode     the exit code this drill alone would give; a signal's code when it was interrupted
 * @param backupTool   the backup tool and its version as the environment reported it (e.g. {@code pgbackrest 2.45}),
 *                     or the tool asked for when the environment never came up
 * @param serverVersions each node's exact server version right after set-up
 *                     ({@code primary 17.12 (Debian 17.12-1) [170012]; replica ...}), or null when the environment never came up
 * @param drawn        the values drawn for ranges in this run, by path ({@code crash.after} = {@code 1234ms}); the
 *                     trial is {@code scenario().trial()}
 */
public record DrillResult(Scenario scenario, String environment, StepStatus status, Instant start,
                          Duration duration, List<StepResult> steps, List<StepResult> finallySteps,
                          String message, ExitCode exitCode, String backupTool,
                          String serverVersions, Map<String, String> drawn) {
    public DrillResult {
        steps = List.copyOf(steps);
        finallySteps = List.copyOf(finallySteps);
        drawn = drawn == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(drawn));
    }

    /** A result that drew nothing. */
    public DrillResult(Scenario scenario, String environment, StepStatus status, Instant start, Duration duration,
                       List<StepResult> steps, List<StepResult> finallySteps, String message, ExitCode exitCode,
                       String backupTool, String serverVersions) {
        this(scenario, environment, status, start, duration, steps, finallySteps, message, exitCode, backupTool,
                serverVersions, Map.of());
    }

    /** A result whose server versions are not known. */
    public DrillResult(Scenario scenario, String environment, StepStatus status, Instant start, Duration duration,
                       List<StepResult> steps, List<StepResult> finallySteps, String message, ExitCode exitCode,
                       String backupTool) {
        this(scenario, environment, status, start, duration, steps, finallySteps, message, exitCode, backupTool, null);
    }

    /** A result whose backup tool is not known (reports then leave it out). */
    public DrillResult(Scenario scenario, String environment, StepStatus status, Instant start, Duration duration,
                       List<StepResult> steps, List<StepResult> finallySteps, String message, ExitCode exitCode) {
        this(scenario, environment, status, start, duration, steps, finallySteps, message, exitCode, null, null);
    }

    /** A drill that never started: SKIPPED, every step (finally steps too) skipped with {@code why}, exit code OK. */
    public static DrillResult notRun(Scenario scenario, String environment, String why) {
        return new DrillResult(scenario, environment, StepStatus.SKIPPED, Instant.now(), Duration.ZERO,
                scenario.steps().stream().map(s -> StepResult.skipped(s, why)).toList(),
                scenario.finallySteps().stream().map(s -> StepResult.skipped(s, why)).toList(), why, ExitCode.OK,
                scenario.environmentSpec().backupTool().key(), null);
    }

    public boolean passed() {
        return status == StepStatus.PASSED;
    }
}
