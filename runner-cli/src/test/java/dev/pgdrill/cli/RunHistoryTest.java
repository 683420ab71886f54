package dev.pgdrill.cli;

import dev.pgdrill.engine.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code --history FILE}: one JSON line per drill run, appended; masked as the journal is. */
class RunHistoryTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.run((k, o) -> n -> new FakeEnvironment(false), n -> null, args);
    }

    @Test
    void eachRunAppendsALinePerDrillWithItsVerdictAndMasksSecrets() throws Exception {
        Path drill = Files.writeString(dir.resolve("leaky.yaml"), CiOutputTest.DRILL);
        Path history = dir.resolve("h").resolve("history.jsonl");
        for (int i = 0; i < 2; i++) {
            CliRun r = run("--no-color", "--secret", "pw=hunter2secret", "--report-dir", dir.resolve("r" + i).toString(),
                    "--history", history.toString(), drill.toString(), EXAMPLES + "sleepy.yaml");
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        }
        List<String> lines = Files.readAllLines(history);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("{\"format\":1,\"start\":\"").contains("\"verdict\":\"FAILED\"",
                "\"exitCode\":1", "\"restores\":[]").doesNotContain("hunter2secret");
        assertThat(lines.get(1)).contains("\"drill\":\"sleepy\"", "\"verdict\":\"PASSED\"");
        assertThat(lines.get(2)).contains("\"verdict\":\"FAILED\"");
    }

    @Test
    void aHistoryThatIsADirectoryIsRefusedBeforeAnythingRuns() {
        CliRun r = CliRun.run("--no-color", "--history", dir.toString(), EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("runner: --history: " + dir + " is a directory (name a file, e.g. "
                + "restore-history.jsonl); nothing was run\n");
    }
}
