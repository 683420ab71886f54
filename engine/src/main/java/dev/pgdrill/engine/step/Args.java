package dev.pgdrill.engine.step;

import java.util.Map;

/**
 * A step's parameters after {@code ${...}} references were resolved, as written in YAML; a
 * {@link StepType} binds them to its parameter record (see {@link ParamBinder}).
 *
 * @param asMap the values by YAML key
 */
public record Args(Map<String, Object> asMap) {
    public Args {
        asMap = Map.copyOf(asMap);
    }
}
