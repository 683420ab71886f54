package dev.pgdrill.cli.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.cli.Cli;
import dev.pgdrill.cli.CliContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handful of mutated-but-valid shipped drills (a step deleted, swapped, repeated or unnamed)
 * really run on local PostgreSQL, each bounded by a short drill timeout: the outcome is pass (0)
 * or fail (1), never an internal or environment error, and nothing of the run is left behind.
 */
class MutatedDrillsRunIT {
    private static final int RUNS = 3;
    private static final long SEED = 7L;

    @Test
    void mutatedValidDrillsPassOrFailAndLeaveNothing(@TempDir Path dir) throws Exception {
        ChildRunner.assumePostgres();
        List<Path> candidates = new ArrayList<>();
        Random random = new Random(SEED);
        List<String> described = new ArrayList<>();
        for (String name : List.of("pitr.yaml", "replication-lag.yaml", "failover-data-loss.yaml")) {
            Path source = ScenarioMutationTest.SCENARIOS.resolve(name);
            if (!Files.exists(source)) {
                continue;
            }
            for (int attempt = 0; attempt < 10 && candidates.size() < RUNS; attempt++) {
                Mutations m = new Mutations(random);
                @SuppressWarnings("unchecked")
                Map<String, Object> tree = (Map<String, Object>) Mutations.load(m.mildly(Files.readString(source)));
                tree.put("timeout", "45s");
                Path file = Files.writeString(dir.resolve("m" + candidates.size() + "-" + name), Mutations.dump(tree));
                if (ScenarioMutationTest.run("validate", file.toString()).exit() == 0) {
                    candidates.add(file);
                    described.add(name + ": " + m.describe());
                    break;
                }
            }
        }
        assertThat(candidates).as("valid mutations found").isNotEmpty();
        for (int i = 0; i < candidates.size(); i++) {
            Path reports = dir.resolve("reports-" + i);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = Cli.execute(CliContext.of(new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(out, true, StandardCharsets.UTF_8)),
                    "--no-color", "--report-dir", reports.toString(), candidates.get(i).toString());
            String console = described.get(i) + "\n" + out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(console).isIn(0, 1);
            assertThat(console).doesNotContain("\tat ").doesNotContain("internal error");
            JsonNode drill = new ObjectMapper().readTree(reports.resolve("journal.json").toFile()).path("drills").get(0);
            ChildRunner.assertNothingLeft(Path.of(drill.path("location").asText()), console);
        }
    }
}
