package dev.pgdrill.engine.run;

import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.model.Trial;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.RunState;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.steps.wait.SleepStep;
import dev.pgdrill.engine.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A duration written as a range takes, at run time, a value drawn from the trial's seed. */
class TrialDrawTest {
    private final StepRegistry registry = new StepRegistry(List.of(new SleepStep()));

    private DrillResult run(Trial trial) {
        StepSpec nap = new StepSpec(0, "steps", "nap", null, "sleep", Map.of("for", "10ms..90ms"), null,
                new Location(Path.of("t.yaml"), 2, 5), Map.of());
        StepSpec plain = new StepSpec(1, "steps", null, null, "sleep", Map.of("for", "5ms..6ms"), null,
                new Location(Path.of("t.yaml"), 3, 5), Map.of());
        Scenario s = new Scenario(Path.of("t.yaml"), "t", "", Map.of(), List.of(nap, plain), List.of(),
                Duration.ofSeconds(30)).trial(trial);
        return new DrillExecutor(registry, name -> new FakeEnvironment(false), "fake", new DrillListener() {
        }, Duration.ofSeconds(5), false).run(s);
    }

    @Test
    void drawsEachRangeFromTheTrialSeedAndRecordsIt() {
        DrillResult first = run(new Trial(3, 20, 8812));
        assertThat(first.passed()).isTrue();
        assertThat(first.drawn()).containsOnlyKeys("nap.for", "steps[2].sleep.for");
        long napMs = Long.parseLong(first.drawn().get("nap.for").replace("ms", ""));
        assertThat(napMs).isBetween(10L, 90L);
        assertThat(first.steps().get(0).params()).containsEntry("for", napMs + "ms");
        assertThat(first.steps().get(0).duration()).isGreaterThanOrEqualTo(Duration.ofMillis(napMs));

        assertThat(run(new Trial(3, 1, 8812)).drawn()).as("trial 3 of seed 8812 alone draws the same")
                .isEqualTo(first.drawn());
        boolean anotherDiffers = false;
        for (int k = 1; k <= 5 && !anotherDiffers; k++) {
            anotherDiffers = !run(new Trial(k, 5, 8812)).drawn().equals(first.drawn());
        }
        assertThat(anotherDiffers).as("other trials draw other values").isTrue();
    }

    @Test
    void aFaultThatWaitsCountsFromTheMomentItActs() {
        RunState state = new RunState();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        state.stepStarted("crash", "kill", "crash", start);
        state.actsAt(start.plusMillis(1500));
        assertThat(state.startedSteps()).singleElement()
                .satisfies(s -> assertThat(s.at()).isEqualTo(start.plusMillis(1500)));
    }
}
