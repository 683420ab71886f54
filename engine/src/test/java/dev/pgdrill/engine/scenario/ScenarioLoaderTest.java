package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.model.StepSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.pgdrill.engine.scenario.LoaderFixture.load;
import static dev.pgdrill.engine.scenario.LoaderFixture.problem;
import static dev.pgdrill.engine.scenario.LoaderFixture.problems;
import static org.assertj.core.api.Assertions.assertThat;

class ScenarioLoaderTest {

    @Test
    void loadsStepsWithTheirParametersAndPositions() {
        Scenario s = load("""
                description: shows the loader
                vars: {who: Johnson, n: 3}
                steps:
                  - id: first
                    name: say hello
                    timeout: 5s
                    echo: {text: "hello ${vars.who}", on: replica}
                  - check: {count: 2, strict: true, params: {a: 1}, args: [x, y]}
                finally:
                  - nap: 20ms
                """);
        assertThat(s.name()).isEqualTo("t");
        assertThat(s.file()).isEqualTo(Path.of("drills", "t.yaml"));
        assertThat(s.description()).isEqualTo("shows the loader");
        assertThat(s.vars()).containsEntry("who", "Johnson").containsEntry("n", "3");
        assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(10));
        StepSpec first = s.steps().get(0);
        assertThat(first.id()).isEqualTo("first");
        assertThat(first.label()).isEqualTo("say hello");
        assertThat(first.type()).isEqualTo("echo");
        assertThat(first.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(first.params()).containsEntry("text", "hello ${vars.who}").containsEntry("on", "replica");
        assertThat(first.location().line()).isEqualTo(4);
        assertThat(first.locationOf("on").toString()).isEqualTo(Path.of("drills", "t.yaml") + ":7:43");
        StepSpec check = s.steps().get(1);
        assertThat(check.params()).containsEntry("count", 2L).containsEntry("strict", true)
                .containsEntry("params", Map.of("a", 1L)).containsEntry("args", List.of("x", "y"));
        assertThat(s.finallySteps()).singleElement().satisfies(f -> {
            assertThat(f.block()).isEqualTo("finally");
            assertThat(f.params()).containsEntry("for", "20ms");
        });
    }

    @Test
    void usesNameAndTimeoutFromTheFileWhenGiven() {
        Scenario s = load("name: my-drill\ntimeout: 90s\nsteps:\n  - nap:\n");
        assertThat(s.name()).isEqualTo("my-drill");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.steps().get(0).params()).isEmpty();
    }

    @Test
    void varOverridesReplaceAndAddVariables() {
        Scenario s = load("vars: {who: Johnson}\nsteps:\n  - echo: ${vars.who} ${vars.extra}\n",
                Map.of("who", "Davis", "extra", "x"));
        assertThat(s.vars()).containsEntry("who", "Davis").containsEntry("extra", "x");
    }

    @Test
    void reportsEveryProblemAtOnceInFileOrder() {
        List<String> p = problems("""
                nmae: x
                steps:
                  - echo: {txet: hi}
                  - nap: forever
                  - sleeep: 1s
                """);
        assertThat(p).hasSize(5);
        assertThat(p.get(0)).contains("t.yaml:1:1: unknown top-level key 'nmae' (did you mean 'name'?)");
        assertThat(p.get(1)).contains(":3:5: step #1 (echo): missing required parameter 'text'");
        assertThat(p.get(2)).contains(":3:12: step #1 (echo): unknown parameter 'txet' for 'echo' (did you mean 'text'?)");
        assertThat(p.get(3)).contains(":4:10: step #2 (nap): parameter 'for': expected a duration like 500ms, 30s or 2m, found 'forever'");
        assertThat(p.get(4)).contains(":5:5: step #3: unknown step type 'sleeep'");
    }

    @Test
    void suggestsTheNearestRegisteredStepType() {
        assertThat(problem("steps:\n  - ecoh: hi\n"))
                .endsWith("t.yaml:2:5: step #1: unknown step type 'ecoh' (did you mean 'echo'?); 'runner steps' lists the step types");
    }

    @Test
    void suggestsTheCommonStepKeyForAMisspelledOne() {
        assertThat(problem("steps:\n  - echo: hi\n    tiemout: 5s\n"))
                .contains(":3:5: step #1 (echo): unknown key 'tiemout' (did you mean 'timeout'?)");
    }

    @Test
    void explainsAParameterWrittenBesideTheStepTypeInsteadOfUnderIt() {
        assertThat(problem("steps:\n  - echo: hi\n    on: replica\n"))
                .contains(":3:5: step #1 (echo): 'on' is a parameter of 'echo': indent it under 'echo:'");
    }

    @Test
    void explainsAStepKeyWrittenUnderTheStepType() {
        assertThat(problem("steps:\n  - echo: {text: hi, timeout: 5s}\n"))
                .contains("unknown parameter 'timeout' for 'echo'")
                .contains("write it beside 'echo:' (same indentation)");
    }

    @Test
    void refusesTwoStepTypesInOneItem() {
        assertThat(problem("steps:\n  - echo: hi\n    nap: 1s\n"))
                .contains(":3:5: step #1 (echo): a second step type 'nap' in the same step");
    }

    @Test
    void refusesAStepWithoutType() {
        assertThat(problem("steps:\n  - name: nothing\n"))
                .contains(":2:5: step #1 'nothing': no step type");
    }

    @Test
    void refusesAScalarWhereTheStepTypeTakesNoShorthand() {
        assertThat(problem("steps:\n  - clone: primary\n"))
                .contains(":2:12: step #1 (clone): 'clone' takes a mapping of parameters (e.g. 'clone: {from: ...}'), found 'primary'");
    }

    @Test
    void refusesABareStepNameWithoutColon() {
        assertThat(problem("steps:\n  - nap\n"))
                .contains(":2:5: step #1: expected a mapping, found 'nap'; write '- nap:' (with a colon)");
    }

    @Test
    void requiresNonEmptySteps() {
        assertThat(problem("description: x\n")).contains(":1:1: missing 'steps'");
        assertThat(problem("steps: []\n")).contains(":1:1: 'steps' is empty");
        assertThat(problem("steps:\n")).contains(":1:1: 'steps' is empty");
        assertThat(problem("steps: {echo: hi}\n")).contains(":1:8: 'steps' must be a list of steps");
    }

    @Test
    void checksStepIdsAreWellFormedAndUnique() {
        List<String> p = problems("""
                steps:
                  - {id: Say, echo: a}
                  - {id: one, echo: b}
                  - {id: one, echo: c}
                """);
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).contains(":2:10: step #1 (echo): 'id' must be lower-case letters");
        assertThat(p.get(1)).contains(":4:10: step #3 'one' (echo): duplicate id 'one' (already used by step #2 'one' (echo) at line 3)");
    }

    @Test
    void checksStepAndDrillTimeouts() {
        List<String> p = problems("timeout: soon\nsteps:\n  - echo: a\n    timeout: 30\n");
        assertThat(p.get(0)).contains(":1:10: 'timeout' of the drill: expected a duration like 500ms, 30s or 2m (more than zero), found 'soon'");
        assertThat(p.get(1)).contains(":4:14: step #1 (echo): 'timeout': expected a duration")
                .contains("found 30; add a unit, e.g. '30s'");
    }

    @Test
    void checksVarsAreScalars() {
        assertThat(problem("vars: {a: [1, 2]}\nsteps:\n  - nap:\n"))
                .contains(":1:11: variable 'a': expected text or a number, found a list");
        assertThat(problem("vars: [a]\nsteps:\n  - nap:\n")).contains("'vars' must be a mapping");
    }

    @Test
    void refusesANonMappingRoot() {
        assertThat(problem("- echo: hi\n")).contains("t.yaml:1:1: expected a mapping at the top (name:, steps:, ...), found a list");
        assertThat(problem("just text\n")).contains("t.yaml:1:1: expected a mapping at the top").contains("found 'just text'");
    }

    @Test
    void staysQuietAboutConsequencesOfAProblemAlreadyReported() {
        assertThat(problem("stpes:\n  - nap:\n")).contains("unknown top-level key 'stpes' (did you mean 'steps'?)");
        assertThat(problem("steps:\n  - echo: {on: replica}\n    text: hi\n"))
                .contains(":3:5: step #1 (echo): 'text' is a parameter of 'echo': indent it under 'echo:'");
        assertThat(problem("steps:\n  - check: {count: 1, ratoi: 2}\n"))
                .contains("unknown parameter 'ratoi' for 'check' (did you mean 'ratio'?)");
    }

    @Test
    void readsTagsInFileOrder() {
        assertThat(load("tags: [smoke, pitr-15, slow_one]\nsteps:\n  - nap:\n").tags())
                .containsExactly("smoke", "pitr-15", "slow_one");
        assertThat(load("steps:\n  - nap:\n").tags()).isEmpty();
    }

    @Test
    void refusesTagsThatAreNotPlainNamesAtTheirPosition() {
        List<String> p = problems("tags: [smoke, Slow, '!x', 3, smoke, {a: b}]\nsteps:\n  - nap:\n");
        assertThat(p).hasSize(5);
        assertThat(p.get(0)).contains("t.yaml:1:15: 'tags': expected a name of lower-case letters").contains("found 'Slow'");
        assertThat(p.get(1)).contains("t.yaml:1:21:").contains("found '!x'");
        assertThat(p.get(2)).contains("t.yaml:1:27:").contains("found 3");
        assertThat(p.get(3)).contains("t.yaml:1:30: 'tags': 'smoke' is listed twice");
        assertThat(p.get(4)).contains("t.yaml:1:37:").contains("found a mapping");
        assertThat(problem("tags: smoke\nsteps:\n  - nap:\n"))
                .contains("t.yaml:1:7: 'tags' must be a list of names (e.g. 'tags: [smoke, pitr]'), found 'smoke'");
    }
}
