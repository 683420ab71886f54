package dev.pgdrill.cli;

import dev.pgdrill.engine.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code --parallel N} through the CLI with a fake environment: prefixed console lines, summary in order. */
class ParallelOptionTest {
    private final List<FakeEnvironment> created = Collections.synchronizedList(new ArrayList<>());

    @Test
    void prefixesEveryDrillLineWithItsNameAndSummarisesInScenarioOrder(@TempDir Path dir) throws Exception {
        List<String> args = new ArrayList<>(List.of("--no-color", "--parallel", "3", "--report-dir",
                dir.resolve("reports").toString()));
        for (String name : List.of("one", "two", "three", "four")) {
            args.add(Files.writeString(dir.resolve(name + ".yaml"), "name: " + name + "\nsteps:\n  - sleep: 50ms\n"
                    + "  - sleep: 10ms\n").toString());
        }
        CliRun r = CliRun.run(CliRun.fakes(created), args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(created).hasSize(4).allMatch(e -> e.closed);
        List<String> drillLines = r.out().lines().filter(l -> l.startsWith("[")).toList();
        assertThat(drillLines).as(r.out()).hasSize(4 * 5)
                .allMatch(l -> l.matches("\\[(one|two|three|four)] .*"));
        String summary = r.out().substring(r.out().indexOf("Summary"));
        assertThat(summary.indexOf("one")).isLessThan(summary.indexOf("two"));
        assertThat(summary.indexOf("two")).isLessThan(summary.indexOf("three"));
        assertThat(summary.indexOf("three")).isLessThan(summary.indexOf("four"));
        assertThat(summary).contains("Drills: 4 of 4 passed");
        assertThat(Files.readString(dir.resolve("reports/journal.json"))).contains("\"one\"", "\"four\"");
    }

    @Test
    void refusesAParallelCountOutOfRange() {
        CliRun r = CliRun.run("--parallel", "0", EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.noStackTrace().err()).contains("--parallel must be between 1 and 16, found 0");
    }
}
