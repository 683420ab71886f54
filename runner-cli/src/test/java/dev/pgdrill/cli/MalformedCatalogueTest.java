package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file of the malformed catalogue (engine/src/test/resources/malformed) goes through
 * {@code runner validate}: exit 2, its problem at the {@code line:column} and with the message its
 * first line promises ({@code # expect: 7:5 message fragment}), and no stack trace.
 */
class MalformedCatalogueTest {
    static final Path CATALOGUE = Path.of("..", "engine", "src", "test", "resources", "malformed");

    static Stream<Path> catalogue() throws IOException {
        try (Stream<Path> s = Files.list(CATALOGUE)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void holdsAtLeastTwentyFiveCases() throws IOException {
        assertThat(catalogue().count()).isGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void reportsTheProblemAtItsPositionWithExitTwo(Path file) throws IOException {
        String header = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        assertThat(header).as("first line of " + file).startsWith("# expect: ");
        String expect = header.substring("# expect: ".length());
        String position = expect.substring(0, expect.indexOf(' '));
        String message = expect.substring(expect.indexOf(' ') + 1);

        CliRun r = CliRun.run("validate", file.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as(r.toString())
                .anySatisfy(l -> assertThat(l).startsWith(file + ":" + position + (position.matches("\\d+:\\d+") ? ": " : ""))
                        .contains(message));
        assertThat(r.err()).contains("nothing was run");
        assertThat(r.out()).doesNotContain("ok:");
    }
}
