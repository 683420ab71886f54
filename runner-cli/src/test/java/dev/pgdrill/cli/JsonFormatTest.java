package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.step.StepRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code --format json} for validate, plan and steps: the documented shape, the same exit codes as text. */
class JsonFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(CliRun r) throws Exception {
        return JSON.readTree(r.out());
    }

    @Test
    void validateListsTheValidScenarios() throws Exception {
        CliRun r = run("validate", "--format", "json", EXAMPLES + "example.yaml", EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode doc = json(r);
        assertThat(doc.get("format").asInt()).isEqualTo(1);
        assertThat(doc.get("valid").asBoolean()).isTrue();
        assertThat(doc.get("problems")).isEmpty();
        JsonNode example = doc.get("scenarios").get(0);
        assertThat(example.get("file").asText()).isEqualTo(EXAMPLES + "example.yaml");
        assertThat(example.get("name").asText()).isEqualTo("example");
        assertThat(example.get("steps").asInt()).isEqualTo(6);
        assertThat(example.get("finallySteps").asInt()).isEqualTo(1);
    }

    @Test
    void validateGivesEveryProblemWithFileLineColumnAndTheSameExitCodeAsText(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "steps:\n  - sleep: 1ms\n    hunter2secret: 1\n");
        String missing = dir.resolve("missing.yaml").toString();
        CliRun text = run("validate", "--secret", "pw=hunter2secret", "--var", "patience=later",
                EXAMPLES + "example.yaml", bad.toString(), missing);
        CliRun r = run("validate", "--format", "json", "--secret", "pw=hunter2secret", "--var", "patience=later",
                EXAMPLES + "example.yaml", bad.toString(), missing);
        assertThat(r.exit()).as(r.toString()).isEqualTo(2).isEqualTo(text.exit());
        assertThat(r.err()).isEqualTo("runner: 3 problems in 3 of 3 files; nothing was run\n");
        assertThat(r.out()).doesNotContain("hunter2secret");
        JsonNode doc = json(r);
        assertThat(doc.get("valid").asBoolean()).isFalse();
        assertThat(doc.get("scenarios")).isEmpty();
        JsonNode problems = doc.get("problems");
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0).get("file").asText()).isEqualTo(EXAMPLES + "example.yaml");
        assertThat(problems.get(0).get("line").asInt()).isEqualTo(25);
        assertThat(problems.get(0).get("column").asInt()).isEqualTo(72);
        assertThat(problems.get(0).get("message").asText()).startsWith("step #6 (verify): parameter 'within'");
        assertThat(problems.get(1).get("file").asText()).isEqualTo(bad.toString());
        assertThat(problems.get(1).get("line").asInt()).isEqualTo(3);
        assertThat(problems.get(1).get("message").asText()).contains("********");
        assertThat(problems.get(2).get("file").asText()).isEqualTo(missing);
        assertThat(problems.get(2).get("line").isNull()).isTrue();
        assertThat(problems.get(2).get("column").isNull()).isTrue();
        // the text gives the same problems
        for (JsonNode p : problems) {
            assertThat(text.err()).contains(p.get("message").asText());
        }
    }

    @Test
    void planGivesEveryStepResolved() throws Exception {
        CliRun r = run("plan", "--format", "json", "--var", "victim=Davis", "--secret", "password=hunter2secret",
                EXAMPLES + "example.yaml");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("hunter2secret");
        JsonNode drill = json(r).get("drills").get(0);
        assertThat(drill.get("name").asText()).isEqualTo("example");
        assertThat(drill.get("timeout").asText()).isEqualTo("2m00s");
        assertThat(drill.get("vars").get("victim").asText()).isEqualTo("Davis");
        assertThat(drill.get("vars").get("password").asText()).isEqualTo("********");
        JsonNode target = drill.get("steps").get(1);
        assertThat(target.get("type").asText()).isEqualTo("capture-target");
        assertThat(target.get("id").asText()).isEqualTo("before");
        assertThat(target.get("name").asText()).isEqualTo("record the target");
        assertThat(target.get("location").get("line").asInt()).isEqualTo(11);
        assertThat(target.get("location").get("column").asInt()).isEqualTo(5);
        assertThat(target.get("timeout").asText()).isEqualTo("1m00s");
        assertThat(target.get("defaultTimeout").asBoolean()).isTrue();
        assertThat(target.get("outputs").toString()).contains("\"${steps.before.lsn}\"", "\"${steps.before.time}\"");
        JsonNode restore = drill.get("steps").get(4);
        assertThat(restore.get("timeout").asText()).isEqualTo("1m30s");
        assertThat(restore.get("defaultTimeout").asBoolean()).isFalse();
        assertThat(restore.get("params").get("target").get("time").asText()).isEqualTo("<steps.before.time>");
        assertThat(restore.get("defaults").get("action").asText()).isEqualTo("promote");
        assertThat(drill.get("steps").get(2).get("params").get("params").get("victim").asText()).isEqualTo("Davis");
        assertThat(drill.get("finally").get(0).get("type").asText()).isEqualTo("heal");
        assertThat(drill.get("finally").get(0).get("block").asText()).isEqualTo("finally");
    }

    @Test
    void planRefusesAnInvalidDrillWithExitTwoAndNoJson() {
        CliRun r = run("plan", "--format", "json", "--var", "patience=later", EXAMPLES + "example.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(EXAMPLES + "example.yaml:25:72: step #6 (verify): parameter 'within'");
    }

    @Test
    void stepsGivesEveryStepTypeWithItsParameters() throws Exception {
        CliRun r = run("steps", "--format", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode steps = json(r).get("steps");
        assertThat(steps).hasSize(StepRegistry.load().all().size());
        JsonNode restore = null;
        for (JsonNode s : steps) {
            restore = s.get("type").asText().equals("restore") ? s : restore;
        }
        assertThat(restore).isNotNull();
        assertThat(restore.get("defaultTimeout").asText()).isNotEmpty();
        JsonNode node = restore.get("params").get(0);
        assertThat(node.get("name").asText()).isEqualTo("node");
        assertThat(node.get("type").asText()).isEqualTo("node_name");
        assertThat(node.get("required").asBoolean()).isFalse();
        assertThat(node.get("default").asText()).isEqualTo("primary");
        assertThat(restore.get("params").toString()).contains("\"allowed\":[\"promote\",\"pause\"");
        CliRun one = run("steps", "--format", "json", "restore");
        assertThat(one.exit()).isZero();
        assertThat(json(one).get("steps")).hasSize(1);
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun r = run("steps", "--format", "xml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--format").contains("expected one of [TEXT, JSON] (case-insensitive) but was 'xml'");
    }
}
