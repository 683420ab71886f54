package dev.pgdrill.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.pgdrill.engine.testing.FixtureSteps;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaGeneratorTest {
    private static final String SCHEMA = SchemaGenerator.generate(FixtureSteps.registry());

    private static Set<ValidationMessage> validate(String yaml) throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(SCHEMA);
        JsonNode doc = new YAMLMapper().readTree(yaml);
        return schema.validate(doc);
    }

    @Test
    void describesEveryStepTypeAndParameter() throws Exception {
        JsonNode root = new ObjectMapper().readTree(SCHEMA);
        JsonNode stepProps = root.at("/definitions/step/properties");
        for (String key : FixtureSteps.registry().keys()) {
            assertThat(stepProps.has(key)).as(key).isTrue();
            assertThat(root.at("/definitions/params-" + key).isObject()).as(key).isTrue();
        }
        assertThat(root.at("/definitions/params-check/properties/mode/anyOf/0/enum").toString())
                .isEqualTo("[\"fast\",\"slow\"]");
        assertThat(root.at("/definitions/params-echo/required").toString()).isEqualTo("[\"text\"]");
    }

    @Test
    void topLevelKeysAreTheLoaders() throws Exception {
        JsonNode root = new ObjectMapper().readTree(SchemaGenerator.generate(FixtureSteps.registry()));
        List<String> keys = new ArrayList<>();
        root.get("properties").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(ScenarioLoader.TOP_LEVEL_KEYS);
    }

    @Test
    void isStableAndEndsWithANewline() {
        assertThat(SchemaGenerator.generate(FixtureSteps.registry())).isEqualTo(SCHEMA).endsWith("}\n");
    }

    @Test
    void acceptsWhatTheLoaderAccepts() throws Exception {
        String yaml = """
                name: demo
                vars: {t: 2s}
                secrets: [t]
                steps:
                  - {id: a, echo: hello}
                  - nap:
                  - check: {count: 3, within: '${vars.t}', size: 16kB, mode: slow, strict: yes, args: [x]}
                  - clone: {from: primary, as: copy}
                    timeout: 5s
                finally:
                  - echo: {text: '${steps.a.text}', on: copy}
                """;
        assertThat(LoaderFixture.load(yaml)).isNotNull();
        assertThat(validate(yaml)).isEmpty();
    }

    @Test
    void refusesUnknownKeysTypesAndShapesLikeTheLoader() throws Exception {
        String[] bad = {
                "steps:\n  - echo: hi\n    tiemout: 5s\n",
                "stpes:\n  - nap:\n",
                "steps:\n  - ecoh: hi\n",
                "steps:\n  - echo: {txet: hi}\n",
                "steps:\n  - echo: hi\n    nap: 1s\n",
                "steps:\n  - check: {within: 5}\n",
                "steps:\n  - check: {mode: fsat}\n",
                "steps: []\n",
                "secrets: t\nvars: {t: x}\nsteps:\n  - nap:\n",
                "timeout: soon\nsteps:\n  - nap:\n",
                "steps:\n  - {id: Bad, nap: }\n"};
        for (String yaml : bad) {
            assertThat(validate(yaml)).as(yaml).isNotEmpty();
            assertThat(LoaderFixture.problems(yaml)).as(yaml).isNotEmpty();
        }
    }
}
