package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.scenario.InvalidScenarioException;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.scenario.ScenarioLoader;
import dev.pgdrill.engine.step.StepRegistry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A scenario's YAML text as validate reads it (file {@code f.yaml}, the shipped step types, no {@code --var}). */
public final class ScenarioText {
    private ScenarioText() {
    }

    /** The scenario {@code yaml} is, failing with validate's problems when it is invalid. */
    public static Scenario valid(String yaml) {
        return new ScenarioLoader(StepRegistry.load()).parse(Path.of("f.yaml"), yaml.getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    /** What validate says is wrong with {@code yaml}, one {@code file:line:column: message} each; it must be invalid. */
    public static List<String> problems(String yaml) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, () -> valid(yaml));
        assertThat(e).as("expected the scenario to be invalid").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID);
        return e.problems().stream().map(Object::toString).toList();
    }
}
