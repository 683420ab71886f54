package dev.pgdrill.cli.robustness;

import dev.pgdrill.cli.Cli;
import dev.pgdrill.cli.CliContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever a person does to a shipped drill (keys deleted, renamed, duplicated, values of
 * the wrong type, steps swapped or repeated, references to nothing, the file cut short),
 * {@code runner validate} and {@code runner plan} answer with exit code 0, 1 or 2 and a message,
 * never a stack trace or an internal error. Seeded, so a failure names a reproducible case.
 */
class ScenarioMutationTest {
    static final Path SCENARIOS = Path.of("..", "scenarios");
    private static final int CASES_PER_DRILL = 120;
    private static final long SEED = 20240815L;

    static List<Path> shippedDrills() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void mutatedDrillsGiveAnAnswerNeverAStackTrace(@TempDir Path dir) throws IOException {
        List<Path> drills = shippedDrills();
        assertThat(drills).as("shipped drills in " + SCENARIOS.toAbsolutePath()).isNotEmpty();
        int valid = 0;
        int invalid = 0;
        for (Path drill : drills) {
            String original = Files.readString(drill);
            for (int i = 0; i < CASES_PER_DRILL; i++) {
                long seed = SEED + i * 31L + drill.getFileName().toString().hashCode();
                Mutations m = new Mutations(new Random(seed));
                String mutated = m.mutate(original);
                Path file = Files.writeString(dir.resolve(drill.getFileName()), mutated);
                String context = drill.getFileName() + " seed " + seed + " (" + m.describe() + ")\n" + mutated;
                Answer validate = run("validate", file.toString());
                Answer plan = run("plan", file.toString());
                for (Answer a : List.of(validate, plan)) {
                    assertThat(a.exit).as(a + "\n" + context).isIn(0, 1, 2);
                    assertThat(a.out + a.err).as(a + "\n" + context).doesNotContain("\tat ").doesNotContain("Caused by")
                            .doesNotContain("internal error").doesNotContain("Exception");
                }
                assertThat(plan.exit).as("validate and plan agree\n" + validate + plan + context)
                        .isEqualTo(validate.exit);
                if (validate.exit == 0) {
                    valid++;
                } else {
                    invalid++;
                    assertThat(validate.err).as("an invalid drill is explained\n" + context).contains(file.toString());
                }
            }
        }
        // the generator must exercise both sides, or the property says little
        assertThat(invalid).isGreaterThan(valid);
        assertThat(valid + invalid).isEqualTo(drills.size() * CASES_PER_DRILL);
    }

    record Answer(String command, int exit, String out, String err) {
        @Override
        public String toString() {
            return "runner " + command + ": exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Answer run(String command, String file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.execute(CliContext.of(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), command, "--no-color", file);
        return new Answer(command, code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
