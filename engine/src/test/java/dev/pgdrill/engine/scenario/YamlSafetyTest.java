package dev.pgdrill.engine.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.pgdrill.engine.scenario.LoaderFixture.problem;
import static dev.pgdrill.engine.scenario.LoaderFixture.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Hostile or broken input is refused quickly, with a located message and never a stack trace. */
class YamlSafetyTest {
    private static final Duration QUICK = Duration.ofSeconds(2);

    @Test
    void refusesAnAliasBombQuickly() {
        StringBuilder sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            sb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        sb.append("steps:\n  - echo: *k\n");
        String yaml = sb.toString();
        var p = assertTimeoutPreemptively(QUICK, () -> problems(yaml));
        assertThat(p).filteredOn(m -> m.contains("alias")).containsExactly(LoaderFixture.FILE
                + ":2:8: YAML aliases ('*a') are not supported in scenarios: write the value out");
    }

    @Test
    void refusesDeepNesting() {
        String yaml = "steps:\n  - check: {extra: " + "[".repeat(5000) + "]".repeat(5000) + "}\n";
        String m = assertTimeoutPreemptively(QUICK, () -> problem(yaml));
        assertThat(m).contains("t.yaml:2:").contains("nesting deeper than 50 levels");
    }

    @Test
    void refusesBinaryData() {
        byte[] garbage = {'s', 't', 'e', 'p', 's', ':', '\n', ' ', ' ', 0, 1, 2, (byte) 0xff};
        assertThat(problems(garbage)).containsExactly(LoaderFixture.FILE
                + ":2:3: not a text file: found a NUL byte (binary data?); a scenario is UTF-8 YAML text");
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] latin1 = "name: caf\u00e9\nsteps: []\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(problems(latin1)).singleElement().asString()
                .endsWith(":1:10: not valid UTF-8 text (binary data, or another encoding?); save the scenario as UTF-8");
    }

    @Test
    void refusesEmptyInput() {
        assertThat(problem("")).endsWith(":1:1: the file is empty: expected a mapping with at least 'steps:'");
        assertThat(problem("# only a comment\n\n")).contains("the file is empty");
    }

    @Test
    void refusesSeveralDocuments() {
        assertThat(problem("steps:\n  - nap:\n---\nsteps:\n  - nap:\n"))
                .contains(":4:1: a second YAML document (after '---') starts here");
    }

    @Test
    void refusesDuplicateKeys() {
        assertThat(problem("steps:\n  - nap:\nsteps:\n  - nap:\n"))
                .contains(":3:1: duplicate key 'steps' (first written at line 1)");
    }

    @Test
    void reportsSyntaxErrorsAtTheParsersPositionWithoutItsNoise() {
        String m = problem("steps:\n  - echo: {text: hi\n  - nap:\n");
        assertThat(m).startsWith(LoaderFixture.FILE + ":3:").contains("invalid YAML:")
                .doesNotContain("Exception").doesNotContain("\n").doesNotContain("JsonLocation").doesNotContain("reader");
        String tabs = problem("steps:\n\t- nap:\n");
        assertThat(tabs).contains(":2:1: invalid YAML:");
        String colon = problem("steps:\n  - echo: a: b\n");
        assertThat(colon).contains(":2:12: invalid YAML: mapping values are not allowed here");
    }

    @Test
    void refusesFilesOverOneMebibyteBeforeParsing(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "description: '" + "x".repeat(ScenarioLoader.MAX_BYTES) + "'\nsteps:\n  - nap:\n");
        assertThatThrownBy(() -> LoaderFixture.LOADER.load(big, Map.of()))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessage(big + ":1:1: file too large (" + Files.size(big) + " bytes): a scenario may be at most 1024 KiB");
    }

    @Test
    void reportsMissingFilesAndDirectoriesByName(@TempDir Path dir) {
        assertThatThrownBy(() -> LoaderFixture.LOADER.load(dir.resolve("nope.yaml"), Map.of()))
                .hasMessage(dir.resolve("nope.yaml") + ": no such file");
        assertThatThrownBy(() -> LoaderFixture.LOADER.load(dir, Map.of()))
                .hasMessage(dir + ": is a directory, not a scenario file");
    }

    @Test
    void keepsThePathAsTheUserWroteIt(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.yaml");
        Files.writeString(f, "steps:\n  - nap: never\n");
        Path relative = Path.of("").toAbsolutePath().relativize(f);
        assertThatThrownBy(() -> LoaderFixture.LOADER.load(relative, Map.of()))
                .hasMessageStartingWith(relative + ":2:10: ");
    }
}
