package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.testing.FakeEnvironment;
import dev.pgdrill.engine.testing.ScriptedStep;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code runAll(scenarios, n)}: several drills at once, results in scenario order, abort stops all. */
class ParallelDrillsTest {
    private final List<FakeEnvironment> envs = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch allInside = new CountDownLatch(3);
    private final StepRegistry registry = new StepRegistry(List.of(
            new ScriptedStep("rendezvous", ctx -> {
                allInside.countDown();
                if (!allInside.await(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("drills did not run at the same time");
                }
            }),
            new ScriptedStep("block", ctx -> {
                allInside.countDown();
                Thread.sleep(60_000);
            })));

    private DrillExecutor executor() {
        return new DrillExecutor(registry, FakeEnvironment.factory(envs), "fake", new DrillListener() { },
                Duration.ofSeconds(5), false);
    }

    private static Scenario drill(String name, String type, int millis) {
        StepSpec s = new StepSpec(0, "steps", null, name + " step", type, Map.of(), null,
                new Location(Path.of(name + ".yaml"), 3, 5), Map.of());
        return new Scenario(Path.of(name + ".yaml"), name, "", Map.of(), List.of(s), List.of(), Duration.ofMillis(millis));
    }

    @Test
    void threeDrillsRunAtOnceAndResultsKeepScenarioOrder() {
        RunResult run = executor().runAll(List.of(drill("a", "rendezvous", 10_000), drill("b", "rendezvous", 10_000),
                drill("c", "rendezvous", 10_000)), 3);
        assertThat(run.drills()).extracting(d -> d.scenario().name()).containsExactly("a", "b", "c");
        assertThat(run.drills()).allMatch(DrillResult::passed);
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(envs).hasSize(3).allMatch(e -> e.closed);
    }

    @Test
    void oneAtATimeWhenParallelIsOne() {
        RunResult run = executor().runAll(List.of(drill("a", "rendezvous", 1_000), drill("b", "rendezvous", 1_000)), 1);
        // with one drill at a time the rendezvous of three never completes: both fail, one after the other
        assertThat(run.drills()).extracting(d -> d.scenario().name()).containsExactly("a", "b");
        assertThat(run.drills()).noneMatch(DrillResult::passed);
    }

    @Test
    void abortStopsEveryRunningDrillAndCleansEachUp() throws Exception {
        DrillExecutor ex = executor();
        Thread signal = Signals.abortWhenInside(allInside, ex);
        RunResult run = ex.runAll(List.of(drill("a", "block", 30_000), drill("b", "block", 30_000),
                drill("c", "block", 30_000), drill("d", "block", 30_000)), 3);
        signal.join();
        assertThat(run.drills()).extracting(d -> d.scenario().name()).containsExactly("a", "b", "c");
        assertThat(run.drills()).allMatch(d -> d.status() == StepStatus.ABORTED
                && "interrupted by signal".equals(d.steps().get(0).message()));
        assertThat(run.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(envs).hasSize(3).allMatch(e -> e.closed);
        assertThat(ex.awaitCleanup(Duration.ofSeconds(1))).isTrue();
    }
}
