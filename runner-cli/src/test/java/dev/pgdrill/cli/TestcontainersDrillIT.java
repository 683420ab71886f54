package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shipped drills, unchanged, pass with {@code --env testcontainers}: the PITR drill (backup, restore to
 * a captured time, verify) and the failover drill (partition, promote, measure the loss).
 */
class TestcontainersDrillIT {
    private static final Path SCENARIOS = Path.of("..", "scenarios");

    @Test
    void shippedDrillsPassOnTheTestcontainersBackend(@TempDir Path reports) throws IOException {
        try {
            Environments.factory("testcontainers", EnvironmentOptions.defaults());
        } catch (DrillException e) {
            Assumptions.abort("testcontainers backend unusable here, its drills skipped: " + e.getMessage());
        }
        CliRun r = CliRun.run(Environments::factory, "--no-color", "--env", "testcontainers", "--report-dir",
                reports.toString(), SCENARIOS.resolve("pitr.yaml").toString(),
                SCENARIOS.resolve("failover-data-loss.yaml").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        JsonNode journal = new ObjectMapper().readTree(reports.resolve("journal.json").toFile());
        List<String> passed = new ArrayList<>();
        for (JsonNode drill : journal.get("drills")) {
            assertThat(drill.get("environment").asText()).isEqualTo("testcontainers");
            assertThat(drill.get("status").asText()).as(drill.get("name").asText()).isEqualTo("PASSED");
            passed.add(drill.get("name").asText());
        }
        assertThat(passed).hasSize(2);
        assertThat(r.out()).contains("PASS  Bob Johnson is back");
    }
}
