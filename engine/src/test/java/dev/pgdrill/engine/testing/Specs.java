package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.scenario.Scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds steps and scenarios in code, as the loader would from YAML:
 * {@code Specs.step("sql", "on", "primary", "run", "DELETE ...")}.
 */
public final class Specs {
    public static final Path FILE = Path.of("test.yaml");

    private Specs() {
    }

    /** Key/value pairs into an ordered map (values may be null, lists or maps). */
    public static Map<String, Object> params(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("params need key/value pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        return m;
    }

    /** A step without id. */
    public static StepSpec step(String type, Object... keyValues) {
        return withId(null, type, keyValues);
    }

    /** A step with an id, so later steps can use {@code ${steps.<id>.<output>}}. */
    public static StepSpec withId(String id, String type, Object... keyValues) {
        return new StepSpec(0, "steps", id, null, type, params(keyValues), null, Location.of(FILE), Map.of());
    }

    /** The same step with its own timeout. */
    public static StepSpec timeout(StepSpec s, Duration timeout) {
        return new StepSpec(s.index(), s.block(), s.id(), s.name(), s.type(), s.params(), timeout, s.location(),
                s.paramLocations());
    }

    /** A scenario of these steps (renumbered, one line each), with a generous drill timeout. */
    public static Scenario scenario(String name, StepSpec... steps) {
        return scenario(name, List.of(steps), List.of());
    }

    public static Scenario scenario(String name, List<StepSpec> steps, List<StepSpec> finallySteps) {
        return new Scenario(FILE, name, "", Map.of(), renumber(steps, "steps"), renumber(finallySteps, "finally"),
                Duration.ofMinutes(5));
    }

    private static List<StepSpec> renumber(List<StepSpec> steps, String block) {
        List<StepSpec> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepSpec s = steps.get(i);
            out.add(new StepSpec(i, block, s.id(), s.name(), s.type(), s.params(), s.timeout(),
                    new Location(FILE, i + 2, 5), s.paramLocations()));
        }
        return out;
    }
}
