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

    @Test
    void aDrillFoundInADirectoryThatCannotRunHereIsLeftOutWithTheReasonAndANamedOneIsKept() {
        RunPlan found = RunPlan.of(List.of(PLAIN, NEWER), s -> false, backend(Set.of(NEWER), Set.of()), 7, null, null);
        assertThat(found.leftOut()).extracting(RunPlan.LeftOut::message)
                .containsExactly("newer.yaml: left out, PostgreSQL 17 is not installed");
        assertThat(found.runs()).containsExactly(PLAIN);

        RunPlan named = RunPlan.of(List.of(PLAIN, NEWER), s -> s == NEWER, backend(Set.of(NEWER), Set.of()), 7, null,
                null);
        assertThat(named.leftOut()).isEmpty();
        assertThat(named.runs()).containsExactly(PLAIN, NEWER);
    }

    @Test
    void aDrillTheBackendRefusesIsNamedWithTheReason() {
        RunPlan plan = RunPlan.of(List.of(PLAIN, NEWER), s -> true, backend(Set.of(), Set.of(NEWER)), 7, null, null);
        assertThat(plan.refused()).isEqualTo("newer.yaml: no pgBackRest here");
    }

    @Test
    void aTriedDrillRunsEachTrialUnderTheSeedAndEachRunLeadsBackToItsDrill() {
        RunPlan plan = RunPlan.of(List.of(PLAIN, TRIED), s -> true, backend(Set.of(), Set.of()), 8812, null, null);
        assertThat(plan.runs()).extracting(Scenario::title)
                .containsExactly("plain", "tried [trial 1/3]", "tried [trial 2/3]", "tried [trial 3/3]");
        assertThat(plan.runs()).allSatisfy(r -> assertThat(plan.origin(r)).isSameAs(r.trial() == null ? PLAIN : TRIED));
        assertThat(plan.runs().get(3).trial().runSeed()).isEqualTo(8812);
        assertThat(plan.facts()).containsEntry("seed", "8812").containsEntry("set-up-timeout", "3m00s");
    }

    @Test
    void repeatOverridesTheFileAndOneTrialRunsAlone() {
        EnvironmentFactory backend = backend(Set.of(), Set.of());
        assertThat(RunPlan.of(List.of(TRIED), s -> true, backend, 1, 5, null).runs()).hasSize(5);
        assertThat(RunPlan.of(List.of(TRIED), s -> true, backend, 1, null, 2).runs()).extracting(Scenario::title)
                .containsExactly("tried [trial 2/3]");
        assertThat(RunPlan.of(List.of(PLAIN), s -> true, backend, 1, null, null).facts())
                .containsOnlyKeys("set-up-timeout");
    }
}
