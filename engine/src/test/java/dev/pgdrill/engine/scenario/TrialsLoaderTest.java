package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.model.TrialBound;
import dev.pgdrill.engine.model.TrialPlan;
import org.junit.jupiter.api.Test;

import static dev.pgdrill.engine.scenario.LoaderFixture.load;
import static dev.pgdrill.engine.scenario.LoaderFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** Ranges of durations, {@code repeat:} and {@code trials:} as the loader reads and refuses them. */
class TrialsLoaderTest {
    @Test
    void aDurationParameterTakesARangeAndTheDrillThenDraws() {
        Scenario s = load("steps:\n  - check: {within: 200ms..3s}\n");
        assertThat(s.steps().get(0).params()).containsEntry("within", "200ms..3s");
        assertThat(s.trials().draws()).isTrue();
        assertThat(s.trials().repeat()).isEqualTo(1);
        assertThat(load("steps:\n  - check: {within: 1s}\n").trials()).isEqualTo(TrialPlan.ONCE);
        assertThat(load("steps:\n  - check: {within: 1s..1s}\n").trials().draws()).as("equal ends are fine").isTrue();
    }

    @Test
    void aRangeFromAVariableCountsToo() {
        assertThat(load("vars: {when: 1s..2s}\nsteps:\n  - check: {within: '${vars.when}'}\n").trials().draws()).isTrue();
    }

    @Test
    void refusesAReversedOrEmptyRangeAtItsPosition() {
        assertThat(problem("steps:\n  - check: {within: 3s..1s}\n"))
                .startsWith("drills/t.yaml:2:21: ")
                .contains("parameter 'within': expected a duration or a range of durations: a reversed range: "
                        + "3s is after 1s");
        assertThat(problem("steps:\n  - check: {within: 1s..}\n"))
                .startsWith("drills/t.yaml:2:21: ").contains("an empty range");
    }

    @Test
    void refusesARangeOnAParameterThatIsNotADuration() {
        assertThat(problem("steps:\n  - check: {count: 1..5}\n"))
                .startsWith("drills/t.yaml:2:20: ")
                .contains("parameter 'count': a range (low..high) is only for a duration, and this parameter expects "
                        + "a whole number");
        assertThat(load("steps:\n  - check: {label: ../a..b}\n").trials().draws()).as("text with dots stays text")
                .isFalse();
    }

    @Test
    void readsRepeatAndBoundsOverTheTrials() {
        Scenario s = load("repeat: 20\ntrials: {max-lost: 0, p95-seconds: 5.5, min-passed: 18}\nsteps:\n"
                + "  - check: {within: 1s}\n");
        assertThat(s.trials().repeat()).isEqualTo(20);
        assertThat(s.trials().bounds()).extracting(TrialBound::describe)
                .containsExactly("max-lost <= 0", "p95-seconds <= 5.5", "min-passed >= 18");
        assertThat(s.trials().bounds().get(1).percentile()).isEqualTo(95);
    }

    @Test
    void refusesRepeatZeroAndUnknownBoundsAtTheirPosition() {
        assertThat(problem("repeat: 0\nsteps:\n  - check: {within: 1s}\n"))
                .isEqualTo("drills/t.yaml:1:9: 'repeat' must be a whole number of trials from 1 to 10000, found 0");
        assertThat(problem("repeat: many\nsteps:\n  - check: {within: 1s}\n")).startsWith("drills/t.yaml:1:9: ");
        assertThat(problem("trials: {p95-lots: 1}\nsteps:\n  - check: {within: 1s}\n"))
                .startsWith("drills/t.yaml:1:10: 'trials': unknown bound 'p95-lots'");
        assertThat(problem("trials: {max-lost: -1}\nsteps:\n  - check: {within: 1s}\n"))
                .startsWith("drills/t.yaml:1:20: 'trials': max-lost must be a number, 0 or more");
    }
}
