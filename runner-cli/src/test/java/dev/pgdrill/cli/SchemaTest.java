package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.pgdrill.engine.scenario.ScenarioLoader;
import dev.pgdrill.engine.scenario.SchemaGenerator;
import dev.pgdrill.engine.step.StepRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The shipped JSON Schema is what the generator makes, and the schema and the loader agree on every drill. */
class SchemaTest {
    static final Path SCENARIOS = Path.of("..", "scenarios");
    static final Path SHIPPED = SCENARIOS.resolve("schema/scenario.schema.json");
    private static final StepRegistry REGISTRY = StepRegistry.load();

    static Stream<Path> drills() throws IOException {
        try (Stream<Path> s = Stream.concat(Files.list(SCENARIOS), Files.list(Path.of(CliRun.EXAMPLES)))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void shippedSchemaIsUpToDate() throws IOException {
        String generated = SchemaGenerator.generate(REGISTRY);
        assertThat(SHIPPED).as("the shipped schema; create it with: ./runner schema > scenarios/schema/scenario.schema.json")
                .exists();
        assertThat(Files.readString(SHIPPED))
                .as("scenarios/schema/scenario.schema.json is out of date with the step types; regenerate it with "
                        + "(from the repository root): ./runner schema > scenarios/schema/scenario.schema.json")
                .isEqualTo(generated);
    }

    @Test
    void schemaCommandPrintsTheGeneratedSchema() {
        CliRun r = CliRun.run("schema");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(SchemaGenerator.generate(REGISTRY));
    }

    @Test
    void everyStepTypeIsInTheSchema() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SHIPPED.toFile());
        for (String key : REGISTRY.keys()) {
            assertThat(schema.at("/definitions/step/properties/" + key).isObject()).as(key).isTrue();
            assertThat(schema.at("/definitions/params-" + key).isObject()).as(key).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drills")
    void everyDrillPassesTheSchemaAndTheLoader(Path drill) throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.readString(SHIPPED));
        JsonNode doc = new YAMLMapper().readTree(drill.toFile());
        assertThat(schema.validate(doc)).as(drill.toString()).isEmpty();
        assertThatCode(() -> new ScenarioLoader(REGISTRY, name -> "set").load(drill, Map.of())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tags: [Smoke]", "tags: ['!slow']", "tags: [a, a]", "tags: smoke",
            "tags: [3]", "tags: ['']"})
    void schemaAndLoaderBothRefuseTagsThatAreNotPlainNames(String tags, @TempDir Path dir)
            throws IOException {
        Path drill = Files.writeString(dir.resolve("t.yaml"), tags + "\nsteps:\n  - sleep: 10ms\n");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.readString(SHIPPED));
        assertThat(schema.validate(new YAMLMapper().readTree(drill.toFile()))).as("schema").isNotEmpty();
        CliRun r = CliRun.run("validate", drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith(drill + ":1:").contains("'tags'");
    }
}
