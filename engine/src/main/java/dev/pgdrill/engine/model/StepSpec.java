package dev.pgdrill.engine.model;

import java.time.Duration;
import java.util.Map;

/**
 * One step as written in a scenario: its type key (e.g. {@code sql}), its raw parameters
 * (strings may still hold {@code ${...}} references, resolved only when the step runs), and
 * where each parameter was written.
 *
 * @param index       0-based position within its block ({@code steps} or {@code finally})
 * @param block       {@code steps} or {@code finally}
 * @param id          optional id that makes outputs addressable as {@code ${steps.<id>.<name>}}
 * @param name        optional human name; {@link #label()} falls back to type and index
 * @param type        the step type key
 * @param params      raw parameter values: String, Long, Double, Boolean, List, Map (immutable)
 * @param timeout     per-step deadline, or null for the step type's default
 * @param location    where the step starts
 * @param paramLocations where each top-level parameter was written (for messages)
 */
public record StepSpec(int index, String block, String id, String name, String type,
                       Map<String, Object> params, Duration timeout, Location location,
                       Map<String, Location> paramLocations) {
    public StepSpec {
        params = Map.copyOf(params);
        paramLocations = Map.copyOf(paramLocations);
    }

    /** Name a person recognises: the given name, else {@code #3 sql}. */
    public String label() {
        if (name != null) {
            return name;
        }
        if (id != null) {
            return id;
        }
        return "#" + (index + 1) + " " + type;
    }

    public Location locationOf(String param) {
        return paramLocations.getOrDefault(param, location);
    }
}
