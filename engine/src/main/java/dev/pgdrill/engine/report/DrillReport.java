package dev.pgdrill.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One drill in a report.
 *
 * @param name        drill name
 * @param description what the drill shows (may be empty)
 * @param file        the scenario file as the user named it
 * @param page        file name of the drill's HTML page (unique within the run)
 * @param environment environment kind
 * @param location    where the environment lived (work directory / Compose project), or null
 * @param status      PASSED, FAILED, ABORTED
 * @param start       ISO-8601 start
 * @param durationMs  wall time including set-up and clean-up
 * @param message     why it did not pass, else null
 * @param exitCode    exit code of this drill alone
 * @param steps       main steps in order, skipped ones included
 * @param finallySteps the finally steps
 */
public record DrillReport(String name, String description, String file, String page, String environment,
                          String location, String status, String start, long durationMs, String message,
                          int exitCode, List<StepReport> steps, List<StepReport> finallySteps) {
    public DrillReport {
        steps = steps == null ? List.of() : List.copyOf(steps);
        finallySteps = finallySteps == null ? List.of() : List.copyOf(finallySteps);
    }

    /** Main steps then finally steps. */
    public List<StepReport> allSteps() {
        List<StepReport> all = new ArrayList<>(steps);
        all.addAll(finallySteps);
        return all;
    }

    public boolean interrupted() {
        return mentionsInterrupt(message) || allSteps().stream().anyMatch(s -> mentionsInterrupt(s.message()));
    }

    private static boolean mentionsInterrupt(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).contains("interrupted");
    }

    /** The first step that failed or was aborted, or null. */
    public StepReport failedStep() {
        return allSteps().stream()
                .filter(s -> "FAILED".equals(s.status()) || "ABORTED".equals(s.status()))
                .findFirst().orElse(null);
    }
}
