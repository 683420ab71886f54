package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The six drills that run on every backend, and the four that declare their own nodes and move them between
 * roles, pass unchanged with {@code --env testcontainers} as they do on local and Compose (pgbackrest-chain is the one
 * Testcontainers refuses: it offers pg_basebackup only).
 */
class TestcontainersDrillIT {
    private static final Path SCENARIOS = Path.of("..", "scenarios");
    private static final List<String> DRILLS = List.of("replication-lag.yaml", "pitr.yaml", "failover-data-loss.yaml",
            "failover-sync.yaml", "naive-backup.yaml", "full-recovery.yaml", "cascade-and-follow.yaml",
            "quorum-sync.yaml", "rejoin-rewind.yaml", "pitr-after-failover.yaml");

    @BeforeAll
    static void testcontainersIsUsable() {
        try {
            Environments.factory("testcontainers", EnvironmentOptions.defaults());
        } catch (DrillException e) {
            Assumptions.abort("testcontainers backend unusable here, its drills skipped: " + e.getMessage());
        }
    }

    @Test
    void shippedDrillsPassOnTheTestcontainersBackend(@TempDir Path reports) throws IOException {
        List<String> args = new ArrayList<>(List.of("--no-color", "--env", "testcontainers", "--report-dir",
                reports.toString()));
        for (String drill : DRILLS) {
            args.add(SCENARIOS.resolve(drill).toString());
        }
        CliRun r = CliRun.run(Environments::factory, args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        JsonNode journal = new ObjectMapper().readTree(reports.resolve("journal.json").toFile());
        List<String> passed = new ArrayList<>();
        for (JsonNode drill : journal.get("drills")) {
            assertThat(drill.get("environment").asText()).isEqualTo("testcontainers");
            assertThat(drill.get("status").asText()).as(drill.get("name").asText()).isEqualTo("PASSED");
            passed.add(drill.get("name").asText());
        }
        assertThat(passed).hasSize(DRILLS.size());
        assertThat(r.out()).contains("PASS  Bob Johnson is back");
    }

    /** A team's own database, seed files and settings run on Testcontainers as on Compose (the seed at first start). */
    @Test
    void aDrillsOwnDatabaseSeedAndSettingsRunOnTheTestcontainersBackend(@TempDir Path reports) throws IOException {
        CliRun r = CliRun.run(Environments::factory, "--no-color", "--env", "testcontainers", "--report-dir",
                reports.toString(), SCENARIOS.resolve("examples").resolve("library-pitr.yaml").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(r.out()).contains("(environment: testcontainers")
                .contains("PASS  every loan is back, with its member and book")
                .contains("PASS  the production settings were in force on the restored primary");
    }
}
