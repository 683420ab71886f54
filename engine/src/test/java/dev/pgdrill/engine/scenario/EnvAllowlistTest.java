package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.testing.FixtureSteps;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code ${env.X}} reads only the variables the operator allowed; any other is refused at validate. */
class EnvAllowlistTest {
    private static final Function<String, String> ENV = Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
            "APP_HOST", "db1", "APP_PORT", "5432")::get;
    private static final byte[] DRILL = """
            steps:
              - echo: "${env.APP_HOST}"
              - echo: "${env.AWS_ACCESS_KEY_ID}"
            """.getBytes(StandardCharsets.UTF_8);

    private static List<String> problems(EnvAllowlist allow) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
                () -> new ScenarioLoader(FixtureSteps.registry(), ENV, allow).parse(Path.of("d.yaml"), DRILL, Map.of()));
        assertThat(e).as("expected the drill to be refused").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void byDefaultADrillReadsNoEnvironmentVariable() {
        assertThat(problems(EnvAllowlist.NONE)).containsExactly(
                "d.yaml:2:11: step #1 (echo): parameter 'text': ${env.APP_HOST}: environment variable 'APP_HOST' is "
                        + "not allowed: a drill reads only the variables the operator allows; allow it with "
                        + "--allow-env APP_HOST (or PGDRILL_ALLOW_ENV=APP_HOST; in the JUnit engine, the configuration "
                        + "parameter pgdrill.allow-env=APP_HOST)",
                "d.yaml:3:11: step #2 (echo): parameter 'text': ${env.AWS_ACCESS_KEY_ID}: environment variable "
                        + "'AWS_ACCESS_KEY_ID' is not allowed: a drill reads only the variables the operator allows; "
                        + "allow it with --allow-env AWS_ACCESS_KEY_ID (or PGDRILL_ALLOW_ENV=AWS_ACCESS_KEY_ID; in the "
                        + "JUnit engine, the configuration parameter pgdrill.allow-env=AWS_ACCESS_KEY_ID)");
        assertThat(new ScenarioLoader(FixtureSteps.registry(), ENV).parse(Path.of("d.yaml"),
                "steps:\n  - nap:\n".getBytes(StandardCharsets.UTF_8), Map.of()).environment().apply("APP_HOST")).isNull();
    }

    @Test
    void aGlobAllowsItsMatchesOnlyAndTheRestStaysUnreadable() {
        EnvAllowlist allow = EnvAllowlist.parse(" APP_* ,");
        assertThat(problems(allow)).singleElement().asString().startsWith("d.yaml:3:11: step #2 (echo): parameter "
                + "'text': ${env.AWS_ACCESS_KEY_ID}: environment variable 'AWS_ACCESS_KEY_ID' is not allowed");
        Scenario s = new ScenarioLoader(FixtureSteps.registry(), ENV, allow).parse(Path.of("d.yaml"),
                "steps:\n  - echo: \"${env.APP_HOST}:${env.APP_PORT}\"\n".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(s.environment().apply("APP_PORT")).isEqualTo("5432");
        assertThat(s.environment().apply("AWS_ACCESS_KEY_ID")).isNull();
    }

    @Test
    void entriesAreNamesOrGlobsNeverEverything() {
        assertThat(EnvAllowlist.of(List.of("A_B", "X*")).allows("XYZ")).isTrue();
        assertThatThrownBy(() -> EnvAllowlist.parse("*")).hasMessageContaining("would allow every environment variable");
        assertThatThrownBy(() -> EnvAllowlist.parse("A=B")).hasMessageContaining("'A=B' is not an environment variable name");
    }
}
