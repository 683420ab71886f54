package dev.pgdrill.engine.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.pgdrill.engine.scenario.LoaderFixture.load;
import static dev.pgdrill.engine.scenario.LoaderFixture.problem;
import static dev.pgdrill.engine.scenario.LoaderFixture.problems;
import static org.assertj.core.api.Assertions.assertThat;

class ParameterCheckTest {

    @ParameterizedTest(name = "{0}: {1} is accepted")
    @CsvSource(delimiter = '|', value = {
            "count  | 3", "count  | '\"7\"'", "ratio  | 0.5", "ratio  | 2", "strict | true", "strict | yes",
            "within | 500ms", "within | 1m30s", "size   | 16kB", "size   | 1024", "mode   | slow",
            "params | '{a: 1}'", "args   | '[a, b]'", "args   | single", "extra  | '[1, {x: 2}]'", "label  | 42",
            "on     | replica"})
    void acceptsValuesOfTheDeclaredType(String param, String value) {
        Scenario s = load("steps:\n  - check: {" + param + ": " + value + "}\n");
        assertThat(s.steps().get(0).params()).containsKey(param);
    }

    @ParameterizedTest(name = "{0}: {1} is refused")
    @CsvSource(delimiter = '|', value = {
            "count  | many      | expected a whole number, found 'many'",
            "count  | 1.5       | expected a whole number, found 1.5",
            "ratio  | half      | expected a number, found 'half'",
            "strict | maybe     | expected true or false, found 'maybe'",
            "within | 5         | expected a duration like 500ms, 30s or 2m, found 5; add a unit, e.g. '5s'",
            "within | 5 minutes | expected a duration like 500ms, 30s or 2m, found '5 minutes'",
            "size   | big       | expected a byte size like 500, 16kB or 16MB, found 'big'",
            "size   | -5        | expected a byte size like 500, 16kB or 16MB, found -5",
            "count  | 99999999999999999999 | expected a whole number, found '99999999999999999999'",
            "mode   | fsat      | expected one of fast, slow, found 'fsat' (did you mean 'fast'?)",
            "params | '[1]'     | expected a mapping (name: value, ...), found a list",
            "args   | '{a: 1}'  | expected a list, found a mapping",
            "label  | '[a]'     | expected text, found a list",
            "count  | ~         | expected a whole number, found nothing (leave the parameter out to use its default)"})
    void refusesValuesOfAnotherType(String param, String value, String message) {
        assertThat(problem("steps:\n  - check: {" + param + ": " + value + "}\n"))
                .contains("step #1 (check): parameter '" + param + "': " + message);
    }

    @Test
    void keepsQuotedEmptyTextButTreatsAnEmptyValueAsNothing() {
        assertThat(load("steps:\n  - check: {label: ''}\n").steps().get(0).params()).containsEntry("label", "");
        assertThat(problem("steps:\n  - check: {label: }\n")).contains("parameter 'label': expected text, found nothing");
    }

    @Test
    void resolvesVariablesBeforeCheckingTypedValues() {
        Scenario ok = load("vars: {t: 2s, n: 4}\nsteps:\n  - check: {within: '${vars.t}', count: '${vars.n}'}\n");
        assertThat(ok.steps().get(0).params()).containsEntry("within", "${vars.t}");
        assertThat(problem("vars: {t: soon}\nsteps:\n  - check: {within: '${vars.t}'}\n"))
                .contains(":3:21: step #1 (check): parameter 'within': expected a duration like 500ms, 30s or 2m, "
                        + "found '${vars.t}' (= 'soon')");
    }

    @Test
    void overriddenVariablesAreWhatGetsChecked() {
        assertThat(LoaderFixture.LOADER.parse(LoaderFixture.FILE,
                "vars: {t: 2s}\nsteps:\n  - check: {within: '${vars.t}'}\n".getBytes(), Map.of("t", "2s")))
                .isNotNull();
        InvalidScenarioException e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidScenarioException.class,
                () -> LoaderFixture.LOADER.parse(LoaderFixture.FILE,
                        "vars: {t: 2s}\nsteps:\n  - check: {within: '${vars.t}'}\n".getBytes(), Map.of("t", "later")));
        assertThat(e.getMessage()).contains("(= 'later')");
    }

    @Test
    void leavesValuesFromStepOutputsToRunTime() {
        Scenario s = load("steps:\n  - {id: a, check: {}}\n  - check: {count: '${steps.a.value}'}\n");
        assertThat(s.steps().get(1).params()).containsEntry("count", "${steps.a.value}");
    }

    @Test
    void runsTheStepTypesOwnValidation() {
        assertThat(problem("steps:\n  - check: {count: 1, ratio: 2}\n"))
                .contains(":2:30: step #1 (check): give 'count' or 'ratio', not both");
    }

    @Test
    void checksNodeNamesAgainstTheNodesThatExistAtThatStep() {
        List<String> p = problems("""
                steps:
                  - echo: {text: a, on: copy}
                  - clone: {from: primay, as: copy}
                  - echo: {text: b, on: copy}
                finally:
                  - echo: {text: c, on: copy}
                  - echo: {text: d, on: replca}
                """);
        assertThat(p).hasSize(3);
        assertThat(p.get(0)).contains(":2:25: step #1 (echo): parameter 'on': no node 'copy' at this point of the drill "
                + "(nodes: primary, replica)");
        assertThat(p.get(1)).contains(":3:19: step #2 (clone): parameter 'from': no node 'primay' at this point of the "
                + "drill (did you mean 'primary'?)");
        assertThat(p.get(2)).contains(":7:25: finally step #2 (echo): parameter 'on': no node 'replca' at this point of "
                + "the drill (did you mean 'replica'?) (nodes: copy, primary, replica)");
    }
}
