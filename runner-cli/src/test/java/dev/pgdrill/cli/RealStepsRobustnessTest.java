package dev.pgdrill.cli;

import dev.pgdrill.engine.scenario.InvalidScenarioException;
import dev.pgdrill.engine.scenario.ScenarioLoader;
import dev.pgdrill.engine.step.StepRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Mutated drills never make a real step type's checks throw past the loader (which would be exit 4). */
class RealStepsRobustnessTest {
    private static final String ALPHABET = " \n:-{}[]'\"$#&*,?0a";

    @Test
    void everyMutationOfTheExampleIsAScenarioOrProblems() throws IOException {
        String valid = Files.readString(Path.of(CliRun.EXAMPLES, "example.yaml"));
        ScenarioLoader loader = new ScenarioLoader(StepRegistry.load(), name -> null);
        Random random = new Random(42L);
        for (int i = 0; i < 800; i++) {
            StringBuilder sb = new StringBuilder(valid);
            for (int e = 0; e < 1 + random.nextInt(3); e++) {
                int at = random.nextInt(sb.length());
                char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, c);
                    default -> sb.setCharAt(at, c);
                }
            }
            byte[] input = sb.toString().getBytes(StandardCharsets.UTF_8);
            try {
                loader.parse(Path.of("m.yaml"), input, Map.of());
            } catch (InvalidScenarioException expected) {
                assertThat(expected.problems()).isNotEmpty();
            } catch (RuntimeException e) {
                throw new AssertionError("mutation " + i + " escaped the loader:\n" + sb, e);
            }
        }
    }
}
