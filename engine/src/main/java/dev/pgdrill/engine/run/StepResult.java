package dev.pgdrill.engine.run;

import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.model.Sample;
import dev.pgdrill.engine.model.StepSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened in one step: a value, never an exception.
 *
 * @param spec         the step as written
 * @param params       the parameters after {@code ${...}} resolution (passwords masked: see {@link #masked})
 * @param status       outcome
 * @param start        when it started (for skipped steps: when it was skipped)
 * @param duration     how long it ran
 * @param outputs      outputs published for later steps
 * @param measurements figures measured
 * @param samples      time series recorded while it ran
 * @param evidence     PostgreSQL log lines or other facts that show what happened
 * @param message      on failure: what was expected, what was found, where; else null
 * @param logTail      on failure: the tail of the relevant node's server log
 */
public record StepResult(StepSpec spec, Map<String, Object> params, StepStatus status, Instant start,
                         Duration duration, Map<String, String> outputs, List<Measurement> measurements,
                         List<Sample> samples, List<String> evidence, String message, List<String> logTail) {
    public StepResult {
        params = Map.copyOf(params);
        outputs = Map.copyOf(outputs);
        measurements = List.copyOf(measurements);
        samples = List.copyOf(samples);
        evidence = List.copyOf(evidence);
        logTail = List.copyOf(logTail);
    }

    /**
     * This result as listeners and reports receive it: parameters, outputs, evidence, message and log tail
     * masked by the run's {@code secrets} (the drill's own and its environment's generated passwords).
     */
    StepResult masked(Redactor secrets) {
        Map<String, String> shownOutputs = new LinkedHashMap<>();
        outputs.forEach((k, v) -> shownOutputs.put(k, secrets.mask(v)));
        return new StepResult(spec, secrets.maskMap(params), status, start, duration, shownOutputs, measurements,
                samples, secrets.maskLines(evidence), secrets.mask(message), secrets.maskLines(logTail));
    }

    public static StepResult skipped(StepSpec spec, String why) {
        return new StepResult(spec, spec.params(), StepStatus.SKIPPED, Instant.now(), Duration.ZERO,
                Map.of(), List.of(), List.of(), List.of(), why, List.of());
    }
}
