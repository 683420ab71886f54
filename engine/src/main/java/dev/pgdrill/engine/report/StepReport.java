package dev.pgdrill.engine.report;

import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.model.Sample;
import dev.pgdrill.engine.run.StepStatus;

import java.util.List;
import java.util.Map;

/**
 * One step in a report (passwords masked).
 *
 * @param block        {@code steps} or {@code finally}
 * @param number       1-based position within its block
 * @param id           step id or null
 * @param label        the name a person recognises
 * @param type         step type key
 * @param location     where it is written (file:line:column)
 * @param status       outcome (written as PASSED, FAILED, ABORTED, SKIPPED)
 * @param start        ISO-8601 start
 * @param durationMs   how long it ran
 * @param params       resolved parameters, keys sorted
 * @param outputs      outputs, keys sorted
 * @param measurements figures measured
 * @param samples      time series points
 * @param evidence     PostgreSQL log lines and other facts
 * @param message      failure message or skip reason, else null
 * @param logTail      server log tail on failure
 */
public record StepReport(String block, int number, String id, String label, String type, String location,
                         StepStatus status, String start, long durationMs, Map<String, Object> params,
                         Map<String, String> outputs, List<Measurement> measurements, List<Sample> samples,
                         List<String> evidence, String message, List<String> logTail) {
    public StepReport {
        params = params == null ? Map.of() : params;
        outputs = outputs == null ? Map.of() : outputs;
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
        samples = samples == null ? List.of() : List.copyOf(samples);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        logTail = logTail == null ? List.of() : List.copyOf(logTail);
    }

    /** {@code #3 capture-target before} — the JUnit test case name. */
    public String title() {
        String prefix = finallyBlock() ? "finally " : "";
        String l = label == null ? type : label;
        return prefix + (l.startsWith("#") ? l : "#" + number + " " + l);
    }

    /** True when the step failed or was aborted. */
    public boolean bad() {
        return status == StepStatus.FAILED || status == StepStatus.ABORTED;
    }

    public boolean finallyBlock() {
        return "finally".equals(block);
    }
}
