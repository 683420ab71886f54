package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code runner steps} prints exactly what it printed before the parameter declarations became typed
 * records (captured from the old code into {@code golden/runner-steps.txt}); a change of wording, order,
 * default or type of any parameter shows up here. Regenerate deliberately with {@code ./runner steps}.
 */
class StepsGoldenTest {
    @Test
    void runnerStepsOutputIsTheGoldenOne() throws IOException {
        CliRun r = run("steps");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(Files.readString(Path.of("src/test/resources/golden/runner-steps.txt")));
    }
}
