package dev.pgdrill.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.model.Sample;
import dev.pgdrill.engine.run.StepStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped journal schema: the same as the one the runner checks with, complete, and met by what runs write. */
class JournalSchemaTest {
    static final Path SHIPPED = Path.of("..", "scenarios", "schema", JournalSchema.RESOURCE);

    @Test
    void shippedSchemaIsTheOneTheRunnerChecksWith() throws Exception {
        try (InputStream in = JournalSchema.class.getResourceAsStream(JournalSchema.RESOURCE)) {
            assertThat(Files.readString(SHIPPED))
                    .as("the runner checks journals with scenarios/schema/journal.schema.json, packaged by the "
                            + "engine's build")
                    .isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void schemaNamesEveryFieldOfTheJournalModelAndNoOther() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(SHIPPED.toFile());
        Map<String, JsonNode> objects = Map.of(
                "RunReport", schema,
                "DrillReport", schema.at("/definitions/drill"),
                "StepReport", schema.at("/definitions/step"),
                "Measurement", schema.at("/definitions/measurement"),
                "Sample", schema.at("/definitions/sample"));
        Map<String, Class<?>> records = Map.of("RunReport", RunReport.class, "DrillReport", DrillReport.class,
                "StepReport", StepReport.class, "Measurement", Measurement.class, "Sample", Sample.class);
        for (var e : records.entrySet()) {
            TreeSet<String> fields = new TreeSet<>();
            Arrays.stream(e.getValue().getRecordComponents()).map(RecordComponent::getName).forEach(fields::add);
            TreeSet<String> properties = new TreeSet<>();
            Iterator<String> names = objects.get(e.getKey()).get("properties").fieldNames();
            names.forEachRemaining(properties::add);
            assertThat(properties).as("properties of " + e.getKey() + " in " + SHIPPED).isEqualTo(fields);
            assertThat(objects.get(e.getKey()).get("additionalProperties").asBoolean(true)).isFalse();
        }
    }

    @Test
    void journalsOurRunsWriteMatchTheShippedSchema(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(JsonJournal.FILE);
        JsonJournal.write(ReportModel.of(ReportFixtures.T0, ReportFixtures.run(), Map.of("scenarios/pitr.yaml", "/tmp/x")),
                file);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.readString(SHIPPED));
        assertThat(schema.validate(new ObjectMapper().readTree(file.toFile()))).isEmpty();
        assertThat(JsonJournal.read(file).drills()).hasSize(4);
    }

    @Test
    void factsAboutTheRunsEnvironmentAreWrittenAndReadBack(@TempDir Path dir) throws Exception {
        ReportFilesListener files = new ReportFilesListener(dir, Map.of("postgres", "15", "shard", "1/2"));
        ReportFixtures.drive(files, ReportFixtures.run());
        RunReport back = JsonJournal.read(dir.resolve(JsonJournal.FILE));
        assertThat(back.facts()).containsExactly(Map.entry("postgres", "15"), Map.entry("shard", "1/2"));
    }

    @Test
    void figuresThatAreNotNumbersStillMakeAValidJournal(@TempDir Path dir) {
        String t = "2024-05-01T10:00:00Z";
        StepReport step = new StepReport("steps", 1, null, "lag", "lag", null, StepStatus.PASSED, t, 1, Map.of("on", "replica"),
                Map.of(), java.util.List.of(new Measurement("lag", Double.NaN, "s"),
                        new Measurement("rate", Double.POSITIVE_INFINITY, null)),
                java.util.List.of(new Sample("lag", 1L, Double.NEGATIVE_INFINITY)), java.util.List.of(), null,
                java.util.List.of());
        RunReport run = new RunReport(RunReport.FORMAT, t, 5, ExitCode.OK, true, "local", java.util.List.of(new DrillReport("d",
                "", null, "d.html", "local", null, StepStatus.PASSED, t, 5, null, ExitCode.OK, java.util.List.of(step), java.util.List.of())));
        Path file = dir.resolve(JsonJournal.FILE);
        JsonJournal.write(run, file);
        RunReport back = JsonJournal.read(file);
        assertThat(back.drills().get(0).steps().get(0).measurements().get(0).value()).isNaN();
        assertThat(back.drills().get(0).steps().get(0).samples().get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
