package dev.pgdrill.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.run.StepStatus;

import java.util.ArrayList;
import java.util.List;

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
 */
public record DrillReport(String name, String description, String file, String page, String environment,
                          String location, StepStatus status, String start, long durationMs, String message,
                          ExitCode exitCode, List<StepReport> steps, List<StepReport> finallySteps,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String backupTool,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String serverVersions) {
    public DrillReport {
        steps = steps == null ? List.of() : List.copyOf(steps);
        finallySteps = finallySteps == null ? List.of() : List.copyOf(finallySteps);
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
