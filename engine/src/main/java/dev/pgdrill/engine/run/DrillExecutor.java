package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.StepRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs validated scenarios: for each, a fresh environment, the steps in order, the {@code finally}
 * steps, then clean-up on every path (one {@link DrillRun} each). Outcomes are values; nothing a step
 * throws escapes, and a run leaves its {@link Scenario} as it was.
 *
 * <p>{@link #abort(String, ExitCode)} (called from a signal handler) stops the current step or the
 * environment set-up, marks it ABORTED, skips the rest, and still cleans up; the run then ends with
 * the signal's exit code. {@link #awaitCleanup(Duration)} lets the handler wait for that.
 *
 * <p>The drill's {@code timeout:} covers its environment set-up too: a set-up that outlasts it is
 * stopped, the drill ends ABORTED ("drill timed out"), and the environment is cleaned up.
 */
public final class DrillExecutor {
    private final DrillRun.Settings settings;
    private final DrillListener listener;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Abort abort = new Abort();
    private volatile String failedFast;

    public DrillExecutor(StepRegistry registry, EnvironmentFactory environments, String environmentKind,
                         DrillListener listener, Duration setUpTimeout, boolean keepEnvironment) {
        this.settings = new DrillRun.Settings(registry, environments, environmentKind, listener, setUpTimeout, keepEnvironment);
        this.listener = listener;
    }

    /** Runs every scenario, one after another, and reports the run to the listener. */
    public RunResult runAll(List<Scenario> scenarios) {
        return runAll(scenarios, 1);
    }

    /**
     * Runs up to {@code parallel} scenarios at once, each in its own environment; the listener
     * then receives the events of several drills interleaved (it must be thread-safe). The
     * result lists the drills in scenario order; after {@link #abort} no further drill starts.
     */
    public RunResult runAll(List<Scenario> scenarios, int parallel) {
        return runAll(scenarios, parallel, false);
    }

    /**
     * Like {@link #runAll(List, int)}; with {@code failFast}, once a drill has not passed no further
     * drill starts: each is reported SKIPPED (every step skipped, exit code OK) with the reason, while
     * drills already running finish and clean up as usual. The run's exit code is the failed drill's.
     */
    public RunResult runAll(List<Scenario> scenarios, int parallel, boolean failFast) {
        Instant start = Instant.now();
        failedFast = null;
        try {
            listener.runStarted(scenarios);
            List<DrillResult> results = parallel <= 1 || scenarios.size() <= 1 ? sequential(scenarios, failFast)
                    : concurrent(scenarios, Math.min(parallel, scenarios.size()), failFast);
            List<TrialSetResult> sets = TrialSets.judge(results);
            ExitCode code = abort.happened() ? abort.exitCode() : sets.stream().map(TrialSetResult::exitCode)
                    .reduce(RunResult.worst(results), ExitCode::worse);
            RunResult run = new RunResult(results, Duration.between(start, Instant.now()), code, sets);
            listener.runFinished(run);
            return run;
        } finally {
            finished.countDown();
        }
    }

    private List<DrillResult> sequential(List<Scenario> scenarios, boolean failFast) {
        List<DrillResult> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            if (abort.happened()) {
                break;
            }
            results.add(failedFast != null ? notRun(s, failedFast) : noteFailure(run(s), failFast));
        }
        return results;
    }

    private List<DrillResult> concurrent(List<Scenario> scenarios, int parallel, boolean failFast) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "drill-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<DrillResult>> futures = new ArrayList<>();
            for (Scenario s : scenarios) {
                futures.add(pool.submit(() -> abort.happened() ? null
                        : failedFast != null ? notRun(s, failedFast) : noteFailure(run(s), failFast)));
            }
            List<DrillResult> results = new ArrayList<>();
            for (Future<DrillResult> f : futures) {
                DrillResult r = awaitUninterruptibly(f);
                if (r != null) {
                    results.add(r);
                }
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    /** Notes the first drill that did not pass, when failing fast (not when a signal stopped the run). */
    private synchronized DrillResult noteFailure(DrillResult r, boolean failFast) {
        if (failFast && !r.passed() && !abort.happened() && failedFast == null) {
            failedFast = "not run: fail-fast after drill '" + r.scenario().name() + "' " + r.status().word();
        }
        return r;
    }

    /** A drill that was never started ({@link DrillResult#notRun}), reported to the listener; no environment. */
    private DrillResult notRun(Scenario scenario, String why) {
        DrillResult result = DrillResult.notRun(scenario, settings.environmentKind(), why);
        listener.drillStarted(scenario, settings.environmentKind());
        result.steps().forEach(r -> listener.stepFinished(scenario, r));
        result.finallySteps().forEach(r -> listener.stepFinished(scenario, r));
        listener.drillFinished(result);
        return result;
    }

    private static DrillResult awaitUninterruptibly(Future<DrillResult> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("drill thread failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs one scenario in a fresh environment; the scenario itself is left as it was. */
    public DrillResult run(Scenario scenario) {
        return new DrillRun(settings, abort, scenario).run();
    }

    /**
     * Stops the run from outside (SIGINT/SIGTERM): the current step, or the environment set-up, of
     * every running drill is interrupted and reported ABORTED with {@code reason}, later steps are
     * skipped, clean-up still runs, and the run ends with {@code exitCode} (128 + the signal's number,
     * see {@link ExitCode#of}). Safe from any thread.
     */
    public void abort(String reason, ExitCode exitCode) {
        abort.signal(reason, exitCode);
    }

    /** Waits until {@link #runAll} has finished its clean-up and reports, at most {@code max}. */
    public boolean awaitCleanup(Duration max) throws InterruptedException {
        return finished.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }
}
