package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The example of a team drilling its own database (scenarios/examples/library-pitr.yaml) passes on the local backend. */
class OwnDatabaseExampleIT {
    @Test
    void theLibraryExampleRestoresItsOwnRowsWithItsOwnSettings(@TempDir Path reports) throws IOException {
        CliRun r = CliRun.run(Environments::factory, "--no-color", "--report-dir", reports.toString(),
                Path.of("..", "scenarios", "examples", "library-pitr.yaml").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(r.out()).contains("PASS  every loan is back, with its member and book")
                .contains("PASS  the production settings were in force on the restored primary");
        JsonNode drill = new ObjectMapper().readTree(reports.resolve("journal.json").toFile()).get("drills").get(0);
        assertThat(drill.get("serverVersions").asText()).startsWith("primary ");
    }
}
