package dev.pgdrill.engine.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.pgdrill.engine.scenario.LoaderFixture.load;
import static dev.pgdrill.engine.scenario.LoaderFixture.problem;
import static dev.pgdrill.engine.scenario.LoaderFixture.problems;
import static org.assertj.core.api.Assertions.assertThat;

class ReferenceCheckTest {

    @Test
    void acceptsReferencesToVariablesEnvironmentAndEarlierOutputs() {
        Scenario s = load("""
                vars: {who: Johnson}
                steps:
                  - {id: greet, echo: "hi ${vars.who} from ${env.HOME_DIR}"}
                  - echo: "${steps.greet.text} and $${literal}"
                finally:
                  - {id: bye, echo: "${steps.greet.text}"}
                  - echo: "${steps.bye.text}"
                """);
        assertThat(s.steps()).hasSize(2);
        assertThat(s.finallySteps()).hasSize(2);
    }

    @Test
    void reportsUndefinedVariablesWithSuggestion() {
        assertThat(problem("vars: {victim: x}\nsteps:\n  - echo: 'bye ${vars.vitcim}'\n"))
                .isEqualTo(LoaderFixture.FILE + ":3:11: step #1 (echo): parameter 'text': ${vars.vitcim}: variable "
                        + "'vitcim' is not defined (did you mean 'victim'?); define it under 'vars:' or pass --var vitcim=...");
    }

    @Test
    void reportsUnsetEnvironmentVariables() {
        assertThat(problem("steps:\n  - echo: '${env.NO_SUCH_VAR}'\n"))
                .contains(":2:11: step #1 (echo): parameter 'text': ${env.NO_SUCH_VAR}: environment variable "
                        + "'NO_SUCH_VAR' is not set");
    }

    @Test
    void reportsOutputsOfLaterUnknownOrOwnSteps() {
        List<String> p = problems("""
                steps:
                  - {id: early, echo: "${steps.late.text}"}
                  - {id: mid, echo: "${steps.mid.text}"}
                  - {id: late, echo: "${steps.erly.text}"}
                """);
        assertThat(p).hasSize(3);
        assertThat(p.get(0)).contains(":2:23: step #1 'early' (echo): parameter 'text': ${steps.late.text}: step 'late' "
                + "(step #3 'late' (echo)) runs after this one; only outputs of earlier steps exist here");
        assertThat(p.get(1)).contains("${steps.mid.text}: a step cannot use its own outputs");
        assertThat(p.get(2)).contains("${steps.erly.text}: no step has id 'erly' (did you mean 'early'?)");
    }

    @Test
    void mainStepsCannotUseOutputsOfFinallySteps() {
        assertThat(problem("steps:\n  - echo: '${steps.end.text}'\nfinally:\n  - {id: end, echo: x}\n"))
                .contains("step 'end' (finally step #1 'end' (echo)) runs after this one");
    }

    @Test
    void reportsOutputsTheStepDoesNotPublish() {
        assertThat(problem("steps:\n  - {id: a, echo: x}\n  - echo: '${steps.a.txt}'\n"))
                .contains("${steps.a.txt}: step 'a' (echo) has no output 'txt' (did you mean 'text'?) (outputs: text)");
        assertThat(problem("steps:\n  - {id: a, nap: 1s}\n  - echo: '${steps.a.x}'\n"))
                .contains("${steps.a.x}: step 'a' (nap) publishes no outputs");
    }

    @Test
    void reportsMalformedReferences() {
        List<String> p = problems("""
                steps:
                  - echo: "${}"
                  - echo: "${vars}"
                  - echo: "${steps.a}"
                  - echo: "${var.x}"
                  - echo: "${vars.x"
                """);
        assertThat(p).hasSize(5);
        assertThat(p.get(0)).contains("${}: malformed reference: expected ${vars.NAME}, ${env.NAME} or ${steps.ID.OUTPUT}");
        assertThat(p.get(1)).contains("${vars}: malformed reference");
        assertThat(p.get(2)).contains("${steps.a}: expected ${steps.ID.OUTPUT}");
        assertThat(p.get(3)).contains("${var.x}: unknown reference kind 'var' (did you mean 'vars'?)");
        assertThat(p.get(4)).contains(":6:11: step #5 (echo): parameter 'text': unclosed '${' in '${vars.x'");
    }

    @Test
    void checksReferencesNestedInListsAndMappings() {
        assertThat(problem("steps:\n  - check: {params: {who: '${vars.nobody}'}}\n"))
                .contains(":2:27: step #1 (check): parameter 'params': ${vars.nobody}: variable 'nobody' is not defined");
    }

    @Test
    void refusesStepOutputsInTimeouts() {
        assertThat(problem("steps:\n  - {id: a, echo: x}\n  - {echo: y, timeout: '${steps.a.text}'}\n"))
                .contains("'timeout': expected a duration like 500ms, 30s or 2m, found '${steps.a.text}' "
                        + "(only ${vars.NAME} and ${env.NAME} that are set can be used here)");
    }
}
