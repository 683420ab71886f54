package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.model.Trial;
import dev.pgdrill.engine.model.TrialBound;
import dev.pgdrill.engine.model.TrialPlan;
import dev.pgdrill.engine.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Trials made from a drill, and judged as a set over what each measured. */
class TrialSetsTest {
    private static final StepSpec RPO = new StepSpec(0, "steps", null, null, "rpo", Map.of(), null,
            new Location(Path.of("t.yaml"), 2, 5), Map.of());
    private static final Scenario DRILL = new Scenario(Path.of("t.yaml"), "t", "", Map.of(), List.of(RPO), List.of(),
            Duration.ofMinutes(1));

    private static Scenario plan(String... bounds) {
        List<TrialBound> b = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            b.add(TrialBound.of(bounds[i], Double.parseDouble(bounds[i + 1]), new Location(Path.of("t.yaml"), 1, 1)));
        }
        return DRILL.trials(new TrialPlan(4, b, true));
    }

    private static DrillResult trial(Scenario s, int k, double lost, double seconds, StepStatus status) {
        StepResult rpo = new StepResult(RPO, Map.of(), status, Instant.now(), Duration.ZERO, Map.of(),
                List.of(new Measurement("rpo_lost_writes", lost, "writes"), new Measurement("rto_seconds", seconds, "s")),
                List.of(), List.of(), null, List.of());
        return new DrillResult(s.trial(new Trial(k, 4, 8812)), "fake", status, Instant.now(), Duration.ZERO, List.of(rpo),
                List.of(), null, status == StepStatus.PASSED ? ExitCode.OK : ExitCode.DRILL_FAILED);
    }

    private static List<DrillResult> four(Scenario s, double... lost) {
        List<DrillResult> out = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            out.add(trial(s, k, lost[k - 1], k, StepStatus.PASSED));
        }
        return out;
    }

    @Test
    void aBoundOnEveryTrialNamesTheTrialThatBrokeItAndHowToRunItAlone() {
        TrialSetResult set = TrialSets.judge(four(plan("max-lost", "0", "p50-lost", "0"), 0, 0, 3, 7)).get(0);
        assertThat(set.ok()).isFalse();
        assertThat(set.exitCode()).isEqualTo(ExitCode.DRILL_FAILED);
        assertThat(set.bounds()).extracting(TrialSetResult.BoundResult::holds).containsExactly(false, true);
        assertThat(set.rerun()).isEqualTo(4);
        assertThat(set.message()).isEqualTo("4 of 4 trials passed; max-lost <= 0 failed: max-lost = 7 (trial 4); "
                + "re-run it alone: runner --seed 8812 --repeat 4 --trial 4 t.yaml");
    }

    @Test
    void percentilesAreNearestRankOverTheTrialsThatMeasured() {
        TrialSetResult set = TrialSets.judge(four(plan("p95-seconds", "4", "p50-lost", "3"), 0, 0, 3, 7)).get(0);
        assertThat(set.ok()).as(set.message()).isTrue();
        assertThat(set.bounds()).extracting(TrialSetResult.BoundResult::value).containsExactly(4.0, 0.0);
        assertThat(set.message()).isEqualTo("4 of 4 trials passed");
        assertThat(set.rerun()).isZero();
    }

    @Test
    void aTrialThatDidNotPassFailsTheSetUnlessMinPassedAllowsIt() {
        List<DrillResult> trials = new ArrayList<>(four(plan(), 0, 0, 0, 0));
        trials.set(1, trial(plan(), 2, 0, 1, StepStatus.FAILED));
        TrialSetResult set = TrialSets.judge(trials).get(0);
        assertThat(set.ok()).isFalse();
        assertThat(set.message()).isEqualTo("3 of 4 trials passed; trial 2 did not pass; re-run it alone: "
                + "runner --seed 8812 --repeat 4 --trial 2 t.yaml");
        List<DrillResult> lenient = new ArrayList<>(four(plan("min-passed", "3"), 0, 0, 0, 0));
        lenient.set(1, trial(plan("min-passed", "3"), 2, 0, 1, StepStatus.FAILED));
        assertThat(TrialSets.judge(lenient).get(0).ok()).isTrue();
    }

    /** The runs that a run plan makes of {@code drills} under seed 8812. */
    private static List<Scenario> runs(List<Scenario> drills, Integer repeat, Integer only) {
        return RunPlan.of(Selection.ALL.apply(drills), s -> true, runName -> {
            throw new UnsupportedOperationException(runName);
        }, 8812, repeat, only).runs();
    }

    @Test
    void expandsADrillIntoItsTrialsOrOneOfThem() {
        Scenario tried = DRILL.trials(new TrialPlan(3, List.of(), false));
        assertThat(runs(List.of(tried, DRILL), null, null)).extracting(Scenario::title)
                .containsExactly("t [trial 1/3]", "t [trial 2/3]", "t [trial 3/3]", "t");
        assertThat(runs(List.of(DRILL), 2, null)).extracting(Scenario::title)
                .containsExactly("t [trial 1/2]", "t [trial 2/2]");
        assertThat(runs(List.of(tried), 20, 7)).singleElement()
                .satisfies(s -> assertThat(s.title()).isEqualTo("t [trial 7/20]"))
                .satisfies(s -> assertThat(s.trial().seed()).isEqualTo(new Trial(7, 20, 8812).seed()));
        assertThat(TrialSets.judge(List.of())).isEmpty();
    }
}
