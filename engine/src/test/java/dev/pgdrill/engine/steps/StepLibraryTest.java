package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.testing.Specs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StepLibraryTest {
    private final StepRegistry registry = StepRegistry.load();

    @Test
    void everyStepTypeOfTheVocabularyIsRegistered() {
        assertThat(registry.keys()).contains("sql", "verify", "wait", "sleep", "pause", "resume", "stop", "kill",
                "start", "wipe", "partition", "heal", "latency", "backup", "naive-copy", "switch-wal",
                "capture-target", "restore", "promote", "rebuild-replica", "exec", "lag");
    }

    @Test
    void everyParameterIsDescribedAndShorthandsNameAParameter() {
        for (StepType<?> t : registry.all()) {
            assertThat(t.description()).as(t.key()).isNotBlank();
            for (Param p : t.params()) {
                assertThat(p.description()).as(t.key() + "." + p.name()).isNotBlank();
                if (p.type() == ParamType.ENUM) {
                    assertThat(p.allowed()).as(t.key() + "." + p.name()).isNotEmpty();
                }
            }
            if (t.shorthand() != null) {
                assertThat(t.params()).as(t.key()).extracting(Param::name).contains(t.shorthand());
            }
        }
    }

    @Test
    void sqlNeedsExactlyOneOfRunAndQuery() {
        assertThat(problems(Specs.step("sql", "on", "primary"))).singleElement().asString().contains("found neither");
        assertThat(problems(Specs.step("sql", "on", "primary", "run", "SELECT 1", "query", "SELECT 1")))
                .singleElement().asString().contains("found both");
        assertThat(problems(Specs.step("sql", "on", "primary", "query", "SELECT 1", "capture", List.of("n")))).isEmpty();
    }

    @Test
    void sqlCaptureListNamesItsOutputs() {
        StepType<?> sql = registry.find("sql").orElseThrow();
        assertThat(sql.outputs(Specs.step("sql", "on", "primary", "query", "SELECT 1 AS N", "capture", List.of("N"))))
                .contains("n", "row-count");
        assertThat(sql.outputs(Specs.step("sql", "on", "primary", "query", "SELECT 1", "capture", true))).contains("*");
    }

    @Test
    void verifyNeedsOneCheck() {
        assertThat(problems(Specs.step("verify", "on", "primary", "query", "SELECT 1")))
                .singleElement().asString().contains("exactly one of");
        assertThat(problems(Specs.step("verify", "on", "primary", "query", "SELECT 1", "equals", 1, "count", 1)))
                .singleElement().asString().contains("found 2");
        assertThat(problems(Specs.step("verify", "on", "primary", "checksum", "customers; DROP TABLE x")))
                .singleElement().asString().contains("must be a table name");
        assertThat(problems(Specs.step("verify", "on", "primary", "checksum", "customers"))).isEmpty();
    }

    @Test
    void restoreRefusesATimeTargetWithoutOffsetAndPauseWithoutTarget() {
        assertThat(problems(Specs.step("restore", "target", Specs.params("time", "2026-11-26 12:00:00"))))
                .singleElement().asString().contains("no timezone offset");
        assertThat(problems(Specs.step("restore", "target", Specs.params("time", "${steps.before.time}")))).isEmpty();
        assertThat(problems(Specs.step("restore", "action", "pause"))).singleElement().asString().contains("needs a target");
    }

    @Test
    void restoreIntoANewNodeAddsIt() {
        StepType<?> restore = registry.find("restore").orElseThrow();
        assertThat(restore.nodesAfter(Specs.step("restore", "node", "restored"), Set.of("primary", "replica")))
                .containsExactlyInAnyOrder("primary", "replica", "restored");
        assertThat(restore.nodesAfter(Specs.step("restore"), Set.of("primary", "replica")))
                .containsExactlyInAnyOrder("primary", "replica");
    }

    @Test
    void waitChecksTheParametersOfItsCondition() {
        assertThat(problems(Specs.step("wait", "for", "lag"))).singleElement().asString().contains("below-bytes");
        assertThat(problems(Specs.step("wait", "for", "archived", "lsn", "nope")))
                .singleElement().asString().contains("WAL position");
        assertThat(problems(Specs.step("wait", "for", "ready", "below-bytes", 0)))
                .singleElement().asString().contains("only applies");
    }

    private List<String> problems(StepSpec spec) {
        List<String> out = new ArrayList<>();
        registry.find(spec.type()).orElseThrow().validate(spec, (where, message) -> out.add(message));
        return out;
    }
}
