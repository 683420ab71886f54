package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every shipped drill in scenarios/ on the local backend through the CLI, then a copy of each
 * with one expectation made wrong, to show that each drill's assertions bite: the copy must fail with
 * exit 1 at the step whose expectation was changed.
 */
class DrillsIT {
    private static final Path SCENARIOS = Path.of("..", "scenarios");

    /** Per drill: the text to change, its wrong replacement, and the step that must then fail. */
    private static final Map<String, Mutation> MUTATIONS = Map.of(
            "replication-lag", new Mutation("equals: 102", "equals: 103", "replica has every row the primary took"),
            "pitr", new Mutation("rows: [[Bob Johnson]]", "rows: [[Bob Jonson]]", "Bob Johnson is back"),
            "failover-data-loss", new Mutation("lost: 1", "lost: 0", "measure what the failover lost"),
            "failover-sync", new Mutation("lost: 0", "lost: 1", "measure what the failover lost"),
            "naive-backup", new Mutation("expect: consistent", "expect: damaged", "the pg_basebackup restore is consistent"),
            "full-recovery", new Mutation("SELECT count(*) FROM products\", equals: 4", "SELECT count(*) FROM products\", equals: 5",
                    "products are back"));

    private record Mutation(String find, String replace, String failingStep) {
    }

    @Test
    void everyShippedDrillPassesOnTheLocalBackend(@TempDir Path reports) throws IOException {
        CliRun r = runner("--no-color", "--report-dir", reports.toString(), SCENARIOS.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        JsonNode journal = journal(reports);
        List<String> files = yamlFiles(SCENARIOS);
        assertThat(journal.get("drills")).hasSize(files.size());
        for (JsonNode drill : journal.get("drills")) {
            assertThat(drill.get("status").asText()).as(drill.get("name").asText()).isEqualTo("PASSED");
        }
    }

    @Test
    void theReadmeExampleDrillPasses(@TempDir Path work) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Writing a drill");
        assertThat(section).as("README has a 'Writing a drill' section").isPositive();
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        Path file = Files.writeString(work.resolve("readme-example.yaml"), yaml);
        CliRun r = runner("--no-color", "--report-dir", work.resolve("reports").toString(), file.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(r.out()).contains("PASS  the order's items are back");
    }

    @Test
    void everyShippedDrillPassesOnTheComposeBackendToo(@TempDir Path reports) throws IOException {
        try {
            Environments.factory("compose", EnvironmentOptions.defaults());
        } catch (DrillException e) {
            Assumptions.abort("compose backend unusable here, compose drills skipped: " + e.getMessage());
        }
        CliRun r = runner("--no-color", "--env", "compose", "--report-dir", reports.toString(), SCENARIOS.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        JsonNode journal = journal(reports);
        assertThat(journal.get("drills")).hasSize(yamlFiles(SCENARIOS).size());
        for (JsonNode drill : journal.get("drills")) {
            assertThat(drill.get("environment").asText()).isEqualTo("compose");
            assertThat(drill.get("status").asText()).as(drill.get("name").asText()).isEqualTo("PASSED");
        }
    }

    @Test
    void everyDrillWithAWrongExpectationFailsAtThatStep(@TempDir Path work) throws IOException {
        Path copies = Files.createDirectories(work.resolve("mutated"));
        Map<String, Mutation> applied = new LinkedHashMap<>();
        for (String file : yamlFiles(SCENARIOS)) {
            String name = file.replaceAll("\\.yaml$", "");
            Mutation m = MUTATIONS.get(name);
            assertThat(m).as("a mutation for every shipped drill (missing for " + file + ")").isNotNull();
            String text = Files.readString(SCENARIOS.resolve(file));
            assertThat(text).as(file + " contains the text to mutate").contains(m.find);
            Files.writeString(copies.resolve(file), text.replace(m.find, m.replace));
            applied.put(name, m);
        }
        Path reports = work.resolve("reports");
        CliRun r = runner("--no-color", "--report-dir", reports.toString(), copies.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.DRILL_FAILED.code());
        for (JsonNode drill : journal(reports).get("drills")) {
            String name = drill.get("name").asText();
            Mutation m = applied.get(name);
            assertThat(drill.get("status").asText()).as(name).isEqualTo("FAILED");
            assertThat(drill.get("message").asText()).as(name).contains("step '" + m.failingStep + "'");
            assertThat(r.out()).contains("FAIL  " + m.failingStep);
        }
    }

    private static List<String> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
    }

    /** The run's journal, which must match the shipped journal schema (what `runner report` accepts). */
    private static JsonNode journal(Path reports) throws IOException {
        JsonNode journal = new ObjectMapper().readTree(reports.resolve("journal.json").toFile());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(Files.readString(SCENARIOS.resolve("schema/journal.schema.json")));
        assertThat(schema.validate(journal)).as("journal.json against scenarios/schema/journal.schema.json").isEmpty();
        return journal;
    }

    private static CliRun runner(String... args) {
        return CliRun.run(Environments::factory, args);
    }
}
