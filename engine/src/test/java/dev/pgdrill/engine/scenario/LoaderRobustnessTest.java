package dev.pgdrill.engine.scenario;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the bytes, the loader answers with a scenario or located problems, never another exception. */
class LoaderRobustnessTest {
    private static final String VALID = """
            name: robust
            vars: {who: Johnson, t: 2s}
            steps:
              - id: a
                echo: {text: "hi ${vars.who}", on: replica}
              - check: {count: 3, within: '${vars.t}', mode: slow, params: {x: 1}, args: [a, b]}
              - clone: {from: primary, as: copy}
                timeout: 5s
            finally:
              - echo: {text: '${steps.a.text}', on: copy}
            """;
    private static final String ALPHABET = " \n\t:-{}[]'\"$#&*!|>%@`,?~0a\u00e9\0";

    @Test
    void answersEveryMutationOfAValidScenarioWithAScenarioOrProblems() {
        Random random = new Random(20260101L);
        int invalid = 0;
        for (int i = 0; i < 1500; i++) {
            byte[] input = mutate(VALID, random);
            try {
                LoaderFixture.LOADER.parse(LoaderFixture.FILE, input, Map.of());
            } catch (InvalidScenarioException e) {
                invalid++;
                assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                    assertThat(p.location().file()).isEqualTo(LoaderFixture.FILE);
                    assertThat(p.message()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
                });
            } catch (RuntimeException e) {
                throw new AssertionError("mutation " + i + " escaped the loader:\n"
                        + new String(input, StandardCharsets.UTF_8), e);
            }
        }
        assertThat(invalid).as("most mutations are invalid").isGreaterThan(500);
    }

    @Test
    void answersRandomBytes() {
        Random random = new Random(7L);
        for (int i = 0; i < 300; i++) {
            byte[] input = new byte[random.nextInt(200)];
            random.nextBytes(input);
            try {
                LoaderFixture.LOADER.parse(LoaderFixture.FILE, input, Map.of());
            } catch (InvalidScenarioException expected) {
                assertThat(expected.problems()).isNotEmpty();
            }
        }
    }

    private static byte[] mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
