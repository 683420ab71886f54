package dev.pgdrill.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.run.StepStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One drill in a report.
 *
 * @param name        drill name
 * @param description what the drill shows (may be empty)
 * @param file        the scenario file as the user named it
 * @param page        file name of the drill's HTML page (unique within the run)
 * @param environment environment kind
 * @param location    where the environment lived (work directory / Compose project), or null
 * @param status      PASSED, FAILED or ABORTED
 * @param start       ISO-8601 start
 * @param durationMs  wall time including set-up and clean-up
 * @param message     why it did not pass, else null
 * @param exitCode    exit code of this drill alone: a signal's when the drill was interrupted
 * @param steps       main steps in order, skipped ones included
 * @param finallySteps the finally steps
 * @param backupTool  the backup tool and its version ({@code pgbackrest 2.45}); null in journals written before it was kept
 * @param serverVersions each node's exact server version ({@code primary 17.12 (...) [170012]; replica ...}); null
 *                    when the environment never came up, and in journals written before it was kept
 * @param trial       the trial's number when this run is a trial of the drill, else null
 * @param trials      how many trials the drill has in the run, or null
 * @param seed        the run's seed, when this is a trial, or null
 * @param drawn       the values drawn for ranges in this run, by path ({@code crash.after}: {@code 1234ms})
 */
public record DrillReport(String name, String description, String file, String page, String environment,
                          String location, StepStatus status, String start, long durationMs, String message,
                          ExitCode exitCode, List<StepReport> steps, List<StepReport> finallySteps,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String backupTool,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String serverVersions,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer trial,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer trials,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long seed,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> drawn) {
    public DrillReport {
        steps = steps == null ? List.of() : List.copyOf(steps);
        finallySteps = finallySteps == null ? List.of() : List.copyOf(finallySteps);
        drawn = drawn == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(drawn));
    }

    /** A drill that is not a trial. */
    public DrillReport(String name, String description, String file, String page, String environment, String location,
                       StepStatus status, String start, long durationMs, String message, ExitCode exitCode,
                       List<StepReport> steps, List<StepReport> finallySteps, String backupTool, String serverVersions) {
        this(name, description, file, page, environment, location, status, start, durationMs, message, exitCode, steps,
                finallySteps, backupTool, serverVersions, null, null, null, null);
    }

    /** This drill with its page named {@code page}. */
    public DrillReport withPage(String page) {
        return new DrillReport(name, description, file, page, environment, location, status, start, durationMs, message,
                exitCode, steps, finallySteps, backupTool, serverVersions, trial, trials, seed, drawn);
    }

    /** {@code name}, or {@code name [trial 3/20]} for a trial. */
    public String title() {
        return trial == null ? name : name + " [trial " + trial + (trials == null ? "" : "/" + trials) + "]";
    }

    /** A drill whose server versions are not known. */
    public DrillReport(String name, String description, String file, String page, String environment, String location,
                       StepStatus status, String start, long durationMs, String message, ExitCode exitCode,
                       List<StepReport> steps, List<StepReport> finallySteps, String backupTool) {
        this(name, description, file, page, environment, location, status, start, durationMs, message, exitCode, steps,
                finallySteps, backupTool, null);
    }

    /** A drill whose backup tool is not known. */
    public DrillReport(String name, String description, String file, String page, String environment, String location,
                       StepStatus status, String start, long durationMs, String message, ExitCode exitCode,
                       List<StepReport> steps, List<StepReport> finallySteps) {
        this(name, description, file, page, environment, location, status, start, durationMs, message, exitCode, steps,
                finallySteps, null, null);
    }

    /** Main steps then finally steps. */
    public List<StepReport> allSteps() {
        List<StepReport> all = new ArrayList<>(steps);
        all.addAll(finallySteps);
        return all;
    }

    /** True when a signal stopped the drill (its exit code says so; no message is read). */
    public boolean interrupted() {
        return exitCode.interrupted();
    }

    /** The first step that failed or was aborted, or null. */
    public StepReport failedStep() {
        return allSteps().stream().filter(StepReport::bad).findFirst().orElse(null);
    }
}
