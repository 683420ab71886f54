package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.model.Trial;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.StepFailure;
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

import static org.assertj.core.api.Assertions.assertThat;

class DrillExecutorTest {
    private final List<String> trace = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch blocking = new CountDownLatch(1);
    private final StepRegistry registry = new StepRegistry(List.of(
            new ScriptedStep("note", ctx -> {
                String text = String.valueOf(ctx.args().getOrDefault("text", ""));
                trace.add("note " + text);
                ctx.output("echo", text);
            }),
            new ScriptedStep("fail", ctx -> {
                throw new StepFailure("expected 1 row, found 0");
            }),
            new ScriptedStep("boom", ctx -> {
                throw new IllegalStateException("bad state");
            }),
            new ScriptedStep("leak", ctx -> {
                String text = String.valueOf(ctx.args().get("text"));
                ctx.progress("connection with " + text, text);
                ctx.output("echo", text);
                ctx.evidence("logged in with " + text);
                throw new StepFailure(text);
            }),
            new ScriptedStep("peek", ctx -> {
                trace.add("peek s1.echo=" + ctx.state().output("s1", "echo"));
            }),
            new ScriptedStep("block", ctx -> {
                blocking.countDown();
                Thread.sleep(60_000);
            })));

    private FakeEnvironment env;

    private DrillExecutor executor(boolean failSetUp, DrillListener listener) {
        return new DrillExecutor(registry, name -> env = new FakeEnvironment(failSetUp), "fake", listener,
                Duration.ofSeconds(5), false);
    }

    private static StepSpec step(int i, String type, Map<String, Object> params) {
        return new StepSpec(i, "steps", "s" + i, null, type, params, null,
                new Location(Path.of("t.yaml"), i + 2, 5), Map.of());
    }

    private static Scenario scenario(List<StepSpec> steps, List<StepSpec> fin, Duration timeout) {
        return new Scenario(Path.of("t.yaml"), "t", "", Map.of("who", "Johnson"), steps, fin, timeout);
    }

    @Test
    void runsStepsInOrderAndFeedsOutputsToLaterSteps() {
        Scenario s = scenario(List.of(
                step(0, "note", Map.of("text", "${vars.who}")),
                step(1, "note", Map.of("text", "after ${steps.s0.echo}"))), List.of(), Duration.ofSeconds(10));
        DrillResult r = executor(false, new DrillListener() { }).run(s);
        assertThat(r.status()).isEqualTo(StepStatus.PASSED);
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(trace).containsExactly("note Johnson", "note after Johnson");
        assertThat(r.steps().get(1).outputs()).containsEntry("echo", "after Johnson");
        assertThat(env.closed).isTrue();
    }

    @Test
    void theEnvironmentsGeneratedPasswordsNeverReachAListenerAndTheScenarioStaysAsItWas() {
        Scenario s = scenario(List.of(step(0, "leak", Map.of("text", "GenPw4711xyz"))), List.of(), Duration.ofSeconds(10));
        Redactor before = s.secrets();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        DrillListener listener = new DrillListener() {
            @Override
            public void stepProgress(Scenario scenario, StepSpec step, String awaiting, String current) {
                seen.add(awaiting + " " + current);
            }

            @Override
            public void stepFinished(Scenario scenario, StepResult r) {
                seen.add(r.message() + " " + r.outputs() + " " + r.evidence() + " " + r.params());
            }

            @Override
            public void drillFinished(DrillResult r) {
                seen.add(r.message());
            }
        };
        new DrillExecutor(registry, name -> {
            env = new FakeEnvironment(false);
            env.secrets.add("GenPw4711xyz");
            return env;
        }, "fake", listener, Duration.ofSeconds(5), false).run(s);
        assertThat(seen).hasSize(3).noneMatch(t -> t.contains("GenPw4711xyz")).allMatch(t -> t.contains(Redactor.MASK));
        assertThat(s.secrets()).isSameAs(before);
        assertThat(s.secrets().masks("GenPw4711xyz")).as("the run's secrets stay with the run").isFalse();
    }

    @Test
    void twoTrialsOfOneScenarioShareNeitherSecretsNorState() {
        Scenario s = scenario(List.of(step(0, "peek", Map.of()), step(1, "leak", Map.of("text", "FirstRunPw111 SecondRunPw222"))),
                List.of(), Duration.ofSeconds(10));
        List<String> generated = List.of("FirstRunPw111", "SecondRunPw222");
        List<FakeEnvironment> envs = new ArrayList<>();
        DrillExecutor ex = new DrillExecutor(registry, name -> {
            FakeEnvironment e = new FakeEnvironment(false);
            e.secrets.add(generated.get(envs.size()));
            envs.add(e);
            return e;
        }, "fake", new DrillListener() { }, Duration.ofSeconds(5), false);
        RunResult run = ex.runAll(List.of(s.trial(new Trial(1, 2, 7)), s.trial(new Trial(2, 2, 7))));
        assertThat(run.drills()).extracting(DrillResult::message).containsExactly(
                "step 's1' (t.yaml:3:5): ******** SecondRunPw222",
                "step 's1' (t.yaml:3:5): FirstRunPw111 ********");
        assertThat(trace).as("the second trial does not see the first one's outputs").containsExactly(
                "peek s1.echo=null", "peek s1.echo=null");
        assertThat(s.secrets().masks("FirstRunPw111") || s.secrets().masks("SecondRunPw222")).isFalse();
        assertThat(s.trial(null).secrets()).isSameAs(s.secrets());
    }

    @Test
    void anAbortDuringAFinallyStepReportsThatStepOnce() throws Exception {
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        DrillExecutor ex = executor(false, new DrillListener() {
            @Override
            public void stepFinished(Scenario scenario, StepResult r) {
                finished.add(r.spec().block() + " " + r.spec().type() + " " + r.status());
            }
        });
        Thread signal = Signals.abortWhenInside(blocking, ex);
        StepSpec blockInFinally = new StepSpec(0, "finally", "f0", null, "block", Map.of(), null,
                new Location(Path.of("t.yaml"), 9, 5), Map.of());
        RunResult run = ex.runAll(List.of(scenario(List.of(step(0, "note", Map.of())),
                List.of(blockInFinally, step(1, "note", Map.of())), Duration.ofSeconds(30))));
        signal.join();
        assertThat(finished).containsExactly("steps note PASSED", "finally block ABORTED", "steps note SKIPPED");
        assertThat(run.drills().get(0).finallySteps()).extracting(StepResult::status)
                .containsExactly(StepStatus.ABORTED, StepStatus.SKIPPED);
        assertThat(run.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
    }

    @Test
    void failedStepSkipsTheRestButFinallyStepsRun() {
        Scenario s = scenario(List.of(step(0, "fail", Map.of()), step(1, "note", Map.of("text", "never"))),
                List.of(step(0, "note", Map.of("text", "cleanup"))), Duration.ofSeconds(10));
        DrillResult r = executor(false, new DrillListener() { }).run(s);
        assertThat(r.status()).isEqualTo(StepStatus.FAILED);
        assertThat(r.exitCode()).isEqualTo(ExitCode.DRILL_FAILED);
        assertThat(r.steps()).extracting(StepResult::status).containsExactly(StepStatus.FAILED, StepStatus.SKIPPED);
        assertThat(r.finallySteps()).extracting(StepResult::status).containsExactly(StepStatus.PASSED);
        assertThat(r.message()).contains("t.yaml:2:5").contains("expected 1 row, found 0");
        assertThat(trace).containsExactly("note cleanup");
    }

    @Test
    void unexpectedExceptionBecomesAFailedResultWithItsMessage() {
        DrillResult r = executor(false, new DrillListener() { })
                .run(scenario(List.of(step(0, "boom", Map.of())), List.of(), Duration.ofSeconds(10)));
        assertThat(r.steps().get(0).status()).isEqualTo(StepStatus.FAILED);
        assertThat(r.steps().get(0).message()).isEqualTo("IllegalStateException: bad state");
    }

    @Test
    void stepTimeoutFailsTheStepWithItsDeadline() {
        StepSpec slow = new StepSpec(0, "steps", null, "slow one", "block", Map.of(), Duration.ofMillis(200),
                new Location(Path.of("t.yaml"), 3, 5), Map.of());
        DrillResult r = executor(false, new DrillListener() { })
                .run(scenario(List.of(slow), List.of(), Duration.ofSeconds(10)));
        assertThat(r.steps().get(0).status()).isEqualTo(StepStatus.FAILED);
        assertThat(r.steps().get(0).message()).isEqualTo("timed out after 200ms (step timeout)");
        assertThat(r.message()).startsWith("step 'slow one' (t.yaml:3:5)");
    }

    @Test
    void drillTimeoutAbortsTheRunningStep() {
        DrillResult r = executor(false, new DrillListener() { })
                .run(scenario(List.of(step(0, "block", Map.of()), step(1, "note", Map.of())), List.of(),
                        Duration.ofMillis(300)));
        assertThat(r.status()).isEqualTo(StepStatus.ABORTED);
        assertThat(r.steps()).extracting(StepResult::status).containsExactly(StepStatus.ABORTED, StepStatus.SKIPPED);
        assertThat(r.steps().get(0).message()).contains("drill timed out");
    }

    @Test
    void environmentThatCannotStartGivesExitThreeAndIsStillClosed() {
        DrillResult r = executor(true, new DrillListener() { })
                .run(scenario(List.of(step(0, "note", Map.of())), List.of(step(0, "note", Map.of())),
                        Duration.ofSeconds(10)));
        assertThat(r.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(r.message()).contains("no PostgreSQL here");
        assertThat(r.steps()).extracting(StepResult::status).containsExactly(StepStatus.SKIPPED);
        assertThat(r.finallySteps()).isEmpty();
        assertThat(env.calls).containsExactly("setUp", "close");
    }

    private DrillExecutor slowSetUpExecutor(Duration setUpTakes) {
        return new DrillExecutor(registry, name -> {
            env = new FakeEnvironment(false);
            env.setUpTakes = setUpTakes;
            return env;
        }, "fake", new DrillListener() { }, Duration.ofSeconds(30), false);
    }

    @Test
    void drillTimeoutStopsASetUpThatOutlastsIt() {
        long t0 = System.nanoTime();
        DrillResult r = slowSetUpExecutor(Duration.ofSeconds(20))
                .run(scenario(List.of(step(0, "note", Map.of())), List.of(step(0, "note", Map.of())),
                        Duration.ofMillis(300)));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.status()).isEqualTo(StepStatus.ABORTED);
        assertThat(r.exitCode()).isEqualTo(ExitCode.DRILL_FAILED);
        assertThat(r.message()).isEqualTo("drill timed out after 300ms (drill timeout) while setting up the environment");
        assertThat(r.steps()).extracting(StepResult::status).containsExactly(StepStatus.SKIPPED);
        assertThat(r.finallySteps()).isEmpty();
        assertThat(env.closed).isTrue();
    }

    @Test
    void abortDuringSetUpIsReportedAsInterruptedWithTheSignalsExitCode() throws Exception {
        DrillExecutor ex = slowSetUpExecutor(Duration.ofSeconds(20));
        Thread signal = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                return;
            }
            ex.abort("interrupted by signal (SIGTERM)", ExitCode.TERMINATED);
        });
        signal.start();
        long t0 = System.nanoTime();
        RunResult run = ex.runAll(List.of(scenario(List.of(step(0, "note", Map.of())), List.of(),
                Duration.ofSeconds(30))));
        signal.join();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        DrillResult r = run.drills().get(0);
        assertThat(r.status()).isEqualTo(StepStatus.ABORTED);
        assertThat(r.message()).isEqualTo("interrupted by signal (SIGTERM)");
        assertThat(r.exitCode()).isEqualTo(ExitCode.TERMINATED);
        assertThat(run.exitCode().code()).isEqualTo(143);
        assertThat(env.closed).isTrue();
    }

    @Test
    void abortFromAnotherThreadStopsTheStepAndStillCleansUp() throws Exception {
        DrillExecutor ex = executor(false, new DrillListener() { });
        Thread signal = Signals.abortWhenInside(blocking, ex);
        RunResult run = ex.runAll(List.of(scenario(List.of(step(0, "block", Map.of()), step(1, "note", Map.of())),
                List.of(step(0, "note", Map.of("text", "cleanup"))), Duration.ofSeconds(30))));
        signal.join();
        DrillResult r = run.drills().get(0);
        assertThat(r.status()).isEqualTo(StepStatus.ABORTED);
        assertThat(r.steps().get(0).message()).isEqualTo("interrupted by signal");
        assertThat(r.steps().get(1).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(run.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(env.closed).isTrue();
        assertThat(ex.awaitCleanup(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void listenerSeesEventsInTheDocumentedOrder() {
        List<String> events = new ArrayList<>();
        DrillListener l = new DrillListener() {
            @Override
            public void runStarted(List<Scenario> scenarios) {
                events.add("runStarted");
            }

            @Override
            public void drillStarted(Scenario scenario, String environment) {
                events.add("drillStarted " + environment);
            }

            @Override
            public void environmentReady(Scenario scenario, String location) {
                events.add("environmentReady");
            }

            @Override
            public void stepStarted(Scenario scenario, StepSpec step) {
                events.add("stepStarted " + step.type());
            }

            @Override
            public void stepFinished(Scenario scenario, StepResult result) {
                events.add("stepFinished " + result.spec().type() + " " + result.status());
            }

            @Override
            public void drillFinished(DrillResult result) {
                events.add("drillFinished " + result.status());
            }

            @Override
            public void runFinished(RunResult result) {
                events.add("runFinished " + result.exitCode().code());
            }
        };
        executor(false, l).runAll(List.of(scenario(List.of(step(0, "fail", Map.of()), step(1, "note", Map.of())),
                List.of(step(0, "note", Map.of())), Duration.ofSeconds(10))));
        assertThat(events).containsExactly("runStarted", "drillStarted fake", "environmentReady",
                "stepStarted fail", "stepFinished fail FAILED", "stepFinished note SKIPPED",
                "stepStarted note", "stepFinished note PASSED", "drillFinished FAILED", "runFinished 1");
    }

    @Test
    void worstExitCodeWins() {
        assertThat(RunResult.worst(List.of())).isEqualTo(ExitCode.OK);
        assertThat(ExitCode.worse(ExitCode.DRILL_FAILED, ExitCode.OK)).isEqualTo(ExitCode.DRILL_FAILED);
        assertThat(ExitCode.worse(ExitCode.DRILL_FAILED, ExitCode.ENVIRONMENT)).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(ExitCode.worse(ExitCode.INTERNAL, ExitCode.ENVIRONMENT)).isEqualTo(ExitCode.INTERNAL);
        assertThat(ExitCode.worse(ExitCode.INTERNAL, ExitCode.TERMINATED)).isEqualTo(ExitCode.TERMINATED);
        assertThat(ExitCode.of(128 + 2)).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(ExitCode.of(143).interrupted()).isTrue();
        assertThat(ExitCode.INVALID).hasToString("2 (invalid input)");
    }

    @Test
    void failFastReportsTheDrillsAfterTheFirstFailureAsNotRunAndCleansUp() {
        List<FakeEnvironment> envs = new ArrayList<>();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        DrillListener l = new DrillListener() {
            @Override
            public void stepFinished(Scenario scenario, StepResult result) {
                events.add(scenario.name() + " " + result.status());
            }
        };
        DrillExecutor ex = new DrillExecutor(registry, FakeEnvironment.factory(envs), "fake", l, Duration.ofSeconds(5), false);
        Scenario ok = named("ok", step(0, "note", Map.of()));
        Scenario bad = named("bad", step(0, "fail", Map.of()));
        Scenario later = named("later", step(0, "note", Map.of()));
        RunResult run = ex.runAll(List.of(ok, bad, later), 1, true);
        assertThat(run.drills()).extracting(DrillResult::status)
                .containsExactly(StepStatus.PASSED, StepStatus.FAILED, StepStatus.SKIPPED);
        assertThat(run.drills().get(2).message()).isEqualTo("not run: fail-fast after drill 'bad' failed");
        assertThat(run.drills().get(2).exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.exitCode()).isEqualTo(ExitCode.DRILL_FAILED);
        assertThat(events).containsExactly("ok PASSED", "bad FAILED", "later SKIPPED");
        assertThat(envs).as("no environment for the drill that did not run").hasSize(2).allMatch(e -> e.closed);

        envs.clear();
        RunResult without = ex.runAll(List.of(bad, later), 1, false);
        assertThat(without.drills()).extracting(DrillResult::status).containsExactly(StepStatus.FAILED, StepStatus.PASSED);
        assertThat(envs).hasSize(2);
    }

    private static Scenario named(String name, StepSpec step) {
        return new Scenario(Path.of(name + ".yaml"), name, "", Map.of(), List.of(step), List.of(), Duration.ofSeconds(10));
    }
}
