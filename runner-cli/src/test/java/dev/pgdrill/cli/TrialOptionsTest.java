package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input about trials and random timing, on the command line or in the file: exit 2 with the place, no stack
 * trace, nothing run (CliRun fails the test if an environment is created).
 */
class TrialOptionsTest {
    private static final String NAP = "steps:\n  - sleep: 10ms..20ms\n";

    private static CliRun refused(String... args) {
        CliRun r = CliRun.run(args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        return r;
    }

    @Test
    void repeatZeroAndTrialWithoutASeedAreRefused(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("d.yaml"), NAP);
        assertThat(refused("--repeat", "0", drill.toString()).err())
                .contains("runner: --repeat must be between 1 and 10000, found 0; nothing was run");
        assertThat(refused("--trial", "3", drill.toString()).err())
                .contains("runner: --trial 3 needs --seed S, the seed of the run it comes from");
        assertThat(refused("--seed", "8812", "--trial", "0", drill.toString()).err())
                .contains("runner: --trial counts from 1, found 0");
    }

    @Test
    void aWholeNumberSeedIsTheRandomSeedAndOnlyOneIsTaken(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("d.yaml"), NAP);
        CliRun ok = CliRun.run("validate", "--seed", "8812", drill.toString());
        assertThat(ok.exit()).as("a whole number is not a seed file: " + ok).isZero();
        assertThat(refused("--seed", "8812", "--seed", "7", drill.toString()).err())
                .contains("runner: --seed: one random seed at most, found 8812, 7; nothing was run");
        assertThat(refused("--seed", dir.resolve("none.sql").toString(), drill.toString()).err())
                .as("any other value is still a seed file").contains("the file does not exist");
    }

    @Test
    void aWholeNumberThatIsAlsoAFileHereIsAmbiguous(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("d.yaml"), NAP);
        Path file = Path.of("4242");
        Files.writeString(file, "SELECT 1;\n");
        try {
            assertThat(refused("--seed", "4242", drill.toString()).err())
                    .contains("runner: --seed 4242 is ambiguous: a random seed, or the file 4242 here? write ./4242 "
                            + "for the file; nothing was run");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aBadRangeOrRepeatInTheFileIsRefusedAtItsPosition(@TempDir Path dir) throws IOException {
        Path reversed = Files.writeString(dir.resolve("r.yaml"), "steps:\n  - sleep: 3s..1s\n");
        assertThat(refused(reversed.toString()).err()).contains(reversed + ":2:12: step #1 (sleep): parameter 'for': "
                + "expected a duration or a range of durations: a reversed range: 3s is after 1s");
        Path empty = Files.writeString(dir.resolve("e.yaml"), "steps:\n  - sleep: 1s..\n");
        assertThat(refused(empty.toString()).err()).contains(empty + ":2:12: ").contains("an empty range");
        Path notDuration = Files.writeString(dir.resolve("n.yaml"),
                "steps:\n  - workload: { name: app, on: primary, rate: 5..20 }\n");
        assertThat(refused(notDuration.toString()).err()).contains(notDuration + ":2:47: ")
                .contains("parameter 'rate': a range (low..high) is only for a duration");
        Path repeat = Files.writeString(dir.resolve("z.yaml"), "repeat: 0\n" + NAP);
        assertThat(refused(repeat.toString()).err())
                .contains(repeat + ":1:9: 'repeat' must be a whole number of trials from 1 to 10000, found 0");
    }

    @Test
    void helpSaysWhatASeedNumberMeans() {
        CliRun r = CliRun.run("--help");
        assertThat(r.out().replaceAll("\\s+", " ")).contains("A whole number S instead (e.g. --seed 8812) is the random seed")
                .contains("--repeat=N").contains("--trial=K");
    }
}
