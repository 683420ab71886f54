package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.run.DrillExecutor;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.testing.FakeEnvironment;
import dev.pgdrill.engine.testing.FixtureSteps;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ${env.X}} is read through the function the loader was given, when checked and when run. */
class EnvironmentReferencesTest {
    @Test
    void aStepSeesTheEnvironmentTheLoaderWasGivenNotTheProcessEnvironment() {
        assertThat(System.getenv("HOME_DIR")).as("HOME_DIR must not be set for this test").isNull();
        Scenario s = LoaderFixture.load("""
                steps:
                  - echo: "${env.HOME_DIR}/backups"
                """);

        DrillResult r = new DrillExecutor(FixtureSteps.registry(), name -> new FakeEnvironment(false), "fake",
                new DrillListener() { }, Duration.ofSeconds(5), false).run(s);

        assertThat(r.steps().get(0).message()).isNull();
        assertThat(r.steps().get(0).outputs()).containsEntry("text", "/home/drill/backups");
    }
}
