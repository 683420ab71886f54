package dev.pgdrill.engine.run;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.model.TrialPlan;
import dev.pgdrill.engine.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The run plan every front end builds: what is left out and why, what is refused, and the trials that run. */
class RunPlanTest {
    private static final Scenario PLAIN = drill("plain.yaml");
    private static final Scenario TRIED = drill("tried.yaml").trials(new TrialPlan(3, List.of(), false));
    private static final Scenario NEWER = drill("newer.yaml");

    private static Scenario drill(String file) {
        return new Scenario(Path.of(file), file.replace(".yaml", ""), "", Map.of(), List.of(), List.of(),
                Duration.ofMinutes(1));
    }

    /** A backend that cannot run {@code missing} here, and refuses {@code refused} everywhere. */
    private static EnvironmentFactory backend(Set<Scenario> missing, Set<Scenario> refused) {
        return new EnvironmentFactory() {
            @Override
            public Environment create(String runName) {
                throw new UnsupportedOperationException("a plan creates no environment");
            }

            @Override
            public String unavailable(EnvironmentSpec spec) {
                return missing.stream().anyMatch(s -> s.environmentSpec() == spec) ? "PostgreSQL 17 is not installed" : null;
            }

            @Override
            public String unsupported(EnvironmentSpec spec) {
                return refused.stream().anyMatch(s -> s.environmentSpec() == spec) ? "no pgBackRest here" : null;
            }
        };
    }

    private static Selection.Selected all(Scenario... drills) {
        return Selection.ALL.apply(List.of(drills));
    }

    @Test
    void aDrillFoundInADirectoryThatCannotRunHereIsLeftOutWithTheReasonAndANamedOneIsKept() {
        RunPlan found = RunPlan.of(all(PLAIN, NEWER), s -> false, backend(Set.of(NEWER), Set.of()), 7, null, null);
        assertThat(found.leftOut()).extracting(RunPlan.LeftOut::message)
                .containsExactly("newer.yaml: left out, PostgreSQL 17 is not installed");
        assertThat(found.runs()).containsExactly(PLAIN);

        RunPlan named = RunPlan.of(all(PLAIN, NEWER), s -> s == NEWER, backend(Set.of(NEWER), Set.of()), 7, null,
                null);
        assertThat(named.leftOut()).isEmpty();
        assertThat(named.runs()).containsExactly(PLAIN, NEWER);
    }

    @Test
    void aDrillTheBackendRefusesIsNamedWithTheReason() {
        RunPlan plan = RunPlan.of(all(PLAIN, NEWER), s -> true, backend(Set.of(), Set.of(NEWER)), 7, null, null);
        assertThat(plan.refused()).isEqualTo("newer.yaml: no pgBackRest here");
    }

    @Test
    void aTriedDrillRunsEachTrialUnderTheSeedAndEachRunLeadsBackToItsDrill() {
        RunPlan plan = RunPlan.of(all(PLAIN, TRIED), s -> true, backend(Set.of(), Set.of()), 8812, null, null);
        assertThat(plan.runs()).extracting(Scenario::title)
                .containsExactly("plain", "tried [trial 1/3]", "tried [trial 2/3]", "tried [trial 3/3]");
        assertThat(plan.runs()).allSatisfy(r -> assertThat(plan.origin(r)).isSameAs(r.trial() == null ? PLAIN : TRIED));
        assertThat(plan.runs().get(3).trial().runSeed()).isEqualTo(8812);
        assertThat(plan.facts()).containsEntry("seed", "8812").containsEntry("set-up-timeout", "3m00s");
    }

    @Test
    void repeatOverridesTheFileAndOneTrialRunsAlone() {
        EnvironmentFactory backend = backend(Set.of(), Set.of());
        assertThat(RunPlan.of(all(TRIED), s -> true, backend, 1, 5, null).runs()).hasSize(5);
        assertThat(RunPlan.of(all(TRIED), s -> true, backend, 1, null, 2).runs()).extracting(Scenario::title)
                .containsExactly("tried [trial 2/3]");
        assertThat(RunPlan.of(all(PLAIN), s -> true, backend, 1, null, null).facts())
                .containsOnlyKeys("set-up-timeout");
    }

    @Test
    void aTrialAloneIsLabelledWithTheSizeOfItsSetAndOnePastTheSetIsRefused() {
        EnvironmentFactory backend = backend(Set.of(), Set.of());
        assertThat(RunPlan.of(all(TRIED), s -> true, backend, 8812, 20, 7).runs()).extracting(Scenario::title)
                .containsExactly("tried [trial 7/20]");
        assertThat(RunPlan.of(all(PLAIN), s -> true, backend, 8812, 20, 7).runs()).extracting(Scenario::title)
                .as("a drill that is not tried has the trials --repeat gives it").containsExactly("plain [trial 7/20]");
        RunPlan past = RunPlan.of(all(PLAIN, TRIED), s -> true, backend, 8812, null, 7);
        assertThat(past.refused()).isEqualTo("plain.yaml: --trial 7 is past the set of 1 trial (repeat: 1); give "
                + "--repeat N, the size of the set it comes from");
        assertThat(past.runs()).isEmpty();
        assertThat(RunPlan.of(all(TRIED), s -> true, backend, 8812, 5, 6).refused())
                .isEqualTo("tried.yaml: --trial 6 is past the set of 5 trials (--repeat 5)");
    }

    @Test
    void theSelectionIsTheFirstStageOfThePlan() {
        Scenario smoke = new Scenario(Path.of("smoke.yaml"), "smoke", "", Map.of(), List.of(), List.of(),
                Duration.ofMinutes(1), null, null, Set.of("smoke"), null);
        Selection.Selected selected = new Selection(TagFilter.parse("smoke"), null).apply(List.of(PLAIN, smoke, TRIED));
        RunPlan plan = RunPlan.of(selected, s -> true, backend(Set.of(), Set.of()), 1, null, null);
        assertThat(plan.runs()).containsExactly(smoke);
    }
}
