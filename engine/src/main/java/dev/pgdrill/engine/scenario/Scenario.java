package dev.pgdrill.engine.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated drill: immutable, produced only by the loader.
 *
 * @param file         the file as the user named it
 * @param name         drill name (defaults to the file name without extension)
 * @param description  what the drill shows, may be empty
 * @param vars         variables, after {@code --var} overrides
 * @param steps        main steps, in order
 * @param finallySteps steps that always run after the main steps, even after a failure
 * @param timeout      deadline for the whole drill
 */
public record Scenario(Path file, String name, String description, Map<String, String> vars,
                       List<StepSpec> steps, List<StepSpec> finallySteps, Duration timeout) {
    public Scenario {
        vars = Map.copyOf(vars);
        steps = List.copyOf(steps);
        finallySteps = List.copyOf(finallySteps);
    }
}
