package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.ServerVersions;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.RunState;
import dev.pgdrill.engine.step.StepRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs validated scenarios: for each, a fresh environment, the steps in order, the {@code finally}
 * steps, then clean-up on every path. Outcomes are values; nothing a step throws escapes.
 *
 * <p>{@link #abort(String, ExitCode)} (called from a signal handler) stops the current step or the
 * environment set-up, marks it ABORTED, skips the rest, and still cleans up; the run then ends with
 * the signal's exit code. {@link #awaitCleanup(Duration)} lets the handler wait for that.
 *
 * <p>The drill's {@code timeout:} covers its environment set-up too: a set-up that outlasts it is
 * stopped, the drill ends ABORTED ("drill timed out"), and the environment is cleaned up.
 */
public final class DrillExecutor {
    private final StepRegistry registry;
    private final EnvironmentFactory environments;
    private final String environmentKind;
    private final DrillListener listener;
    private final Duration setUpTimeout;
    private final boolean keepEnvironment;
    private final CountDownLatch finished = new CountDownLatch(1);
    private static final Duration SET_UP_GRACE = Duration.ofSeconds(10);
    private volatile String abortReason;
    private volatile String failedFast;
    private volatile ExitCode abortExitCode = ExitCode.INTERRUPTED;
    private final Set<StepRunner> running = ConcurrentHashMap.newKeySet();
    private final Set<BoundedRun> settingUp = ConcurrentHashMap.newKeySet();

    public DrillExecutor(StepRegistry registry, EnvironmentFactory environments, String environmentKind,
                         DrillListener listener, Duration setUpTimeout, boolean keepEnvironment) {
        this.registry = registry;
        this.environments = environments;
        this.environmentKind = environmentKind;
        this.listener = listener;
        this.setUpTimeout = setUpTimeout;
        this.keepEnvironment = keepEnvironment;
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
            ExitCode code = abortReason != null ? abortExitCode : sets.stream().map(TrialSetResult::exitCode)
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
            if (abortReason != null) {
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
                futures.add(pool.submit(() -> abortReason != null ? null
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
        if (failFast && !r.passed() && abortReason == null && failedFast == null) {
            failedFast = "not run: fail-fast after drill '" + r.scenario().name() + "' " + r.status().word();
        }
        return r;
    }

    /** A drill that was never started ({@link DrillResult#notRun}), reported to the listener; no environment. */
    private DrillResult notRun(Scenario scenario, String why) {
        DrillResult result = DrillResult.notRun(scenario, environmentKind, why);
        listener.drillStarted(scenario, environmentKind);
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

    /** Runs one scenario in a fresh environment. */
    public DrillResult run(Scenario scenario) {
        Instant start = Instant.now();
        Instant drillDeadline = start.plus(scenario.timeout());
        listener.drillStarted(scenario, environmentKind);
        List<StepResult> main = new ArrayList<>();
        List<StepResult> fin = new ArrayList<>();
        RunState state = new RunState();
        String failure = null;
        ExitCode exit = ExitCode.OK;
        StepStatus status = StepStatus.PASSED;
        Environment env = null;
        boolean ready = false;
        String backupTool = scenario.environmentSpec().backupTool().key();
        String serverVersions = null;
        try {
            try {
                env = environments.create(scenario.name(), scenario.environmentSpec());
                scenario.secrets().addAll(env.secrets());
                env.keep(keepEnvironment);
                String stopped = setUp(env, scenario, drillDeadline);
                if (stopped != null) {
                    failure = stopped;
                    exit = abortReason != null ? abortExitCode : ExitCode.DRILL_FAILED;
                    status = StepStatus.ABORTED;
                } else {
                    ready = true;
                    backupTool = env.backupTool();
                    listener.environmentReady(scenario, env.location());
                    serverVersions = ServerVersions.describe(env);
                    if (serverVersions != null) {
                        listener.serverVersions(scenario, serverVersions);
                    }
                }
            } catch (RuntimeException e) {
                failure = abortReason != null ? abortReason : "environment could not be set up: " + message(e);
                exit = abortReason != null ? abortExitCode
                        : e instanceof DrillException de ? de.exitCode() : ExitCode.ENVIRONMENT;
                status = StepStatus.ABORTED;
            }
            for (StepSpec step : scenario.steps()) {
                if (status != StepStatus.PASSED || abortReason != null) {
                    String why = abortReason != null ? "not run: " + abortReason
                            : "not run: an earlier step did not pass";
                    StepResult skipped = StepResult.skipped(step, why);
                    main.add(skipped);
                    listener.stepFinished(scenario, skipped);
                    continue;
                }
                StepResult r = runStep(scenario, step, env, state, drillDeadline);
                main.add(r);
                if (r.status() != StepStatus.PASSED) {
                    status = r.status();
                    failure = "step '" + step.label() + "' (" + step.location() + "): " + r.message();
                    exit = ExitCode.DRILL_FAILED;
                }
            }
            if (ready) {
                // finally steps always get a fresh deadline of their own: clean-up must be able to run
                // after the drill deadline was spent.
                Instant finDeadline = Instant.now().plus(scenario.timeout());
                for (StepSpec step : scenario.finallySteps()) {
                    StepResult r = abortReason != null
                            ? StepResult.skipped(step, "not run: " + abortReason)
                            : runStep(scenario, step, env, state, finDeadline);
                    if (abortReason != null) {
                        listener.stepFinished(scenario, r);
                    }
                    fin.add(r);
                    if (r.status() == StepStatus.FAILED && failure == null) {
                        status = StepStatus.FAILED;
                        failure = "finally step '" + step.label() + "' (" + step.location() + "): " + r.message();
                        exit = ExitCode.DRILL_FAILED;
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            status = StepStatus.ABORTED;
            failure = "internal error: " + e;
            exit = ExitCode.INTERNAL;
        } finally {
            Exception cleanup = state.closeAll();
            if (env != null) {
                try {
                    env.close();
                } catch (RuntimeException e) {
                    if (cleanup == null) {
                        cleanup = e;
                    } else {
                        cleanup.addSuppressed(e);
                    }
                }
            }
            if (cleanup != null && failure == null) {
                failure = "clean-up failed: " + message(cleanup);
                status = StepStatus.FAILED;
                exit = ExitCode.ENVIRONMENT;
            }
        }
        if (abortReason != null) {
            if (status == StepStatus.PASSED) {
                status = StepStatus.ABORTED;
                failure = abortReason;
            }
            exit = abortExitCode;
        }
        DrillResult result = new DrillResult(scenario, environmentKind, status, start,
                Duration.between(start, Instant.now()), main, fin, failure, exit, backupTool, serverVersions,
                state.drawn());
        listener.drillFinished(result);
        return result;
    }

    /**
     * Sets the environment up on a thread of its own under the earlier of the set-up timeout and the
     * drill deadline, so that {@link #abort} and the drill deadline can stop it.
     *
     * @return null when the environment is ready, else why it was stopped (drill timeout or abort)
     * @throws RuntimeException what the set-up threw
     */
    private String setUp(Environment env, Scenario scenario, Instant drillDeadline) {
        Instant setUpDeadline = Instant.now().plus(setUpTimeout);
        boolean drillBound = drillDeadline.isBefore(setUpDeadline);
        Instant until = drillBound ? drillDeadline : setUpDeadline;
        if (abortReason != null) {
            return abortReason;
        }
        BoundedRun work = new BoundedRun("set-up-" + scenario.name(), () -> {
            env.setUp(Duration.ofMillis(Math.max(1, Duration.between(Instant.now(), until).toMillis())));
            return null;
        });
        settingUp.add(work);
        try {
            if (abortReason != null) {
                work.stop();
            }
            BoundedRun.End end = work.await(until, SET_UP_GRACE);
            if (end == BoundedRun.End.DONE) {
                return null;
            } else if (abortReason != null) {
                return abortReason;
            } else if (end == BoundedRun.End.TIMED_OUT && drillBound) {
                return "drill timed out after " + Durations.format(scenario.timeout())
                        + " (drill timeout) while setting up the environment";
            } else if (end == BoundedRun.End.TIMED_OUT) {
                throw new EnvironmentException("timed out after " + Durations.format(setUpTimeout)
                        + " setting up the environment");
            } else if (end != BoundedRun.End.FAILED) {
                return "interrupted while setting up the environment";
            } else if (work.failure() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("environment set-up failed: " + work.failure(), work.failure());
        } finally {
            settingUp.remove(work);
        }
    }

    private StepResult runStep(Scenario scenario, StepSpec step, Environment env, RunState state,
                               Instant drillDeadline) {
        StepRunner runner = new StepRunner(registry, scenario, step, env, state, drillDeadline, listener);
        running.add(runner);
        try {
            listener.stepStarted(scenario, step);
            StepResult r = runner.run(abortReason);
            if (step.id() != null) {
                state.publish(step.id(), r.outputs());
            }
            listener.stepFinished(scenario, r);
            return r;
        } finally {
            running.remove(runner);
        }
    }

    /**
     * Stops the run from outside (SIGINT/SIGTERM): the current step, or the environment set-up, of
     * every running drill is interrupted and reported ABORTED with {@code reason}, later steps are
     * skipped, clean-up still runs, and the run ends with {@code exitCode} (128 + the signal's number,
     * see {@link ExitCode#of}). Safe from any thread.
     */
    public void abort(String reason, ExitCode exitCode) {
        abortExitCode = exitCode;
        abortReason = reason;
        for (StepRunner r : running) {
            r.abort(reason);
        }
        for (BoundedRun r : settingUp) {
            r.stop();
        }
    }

    /** Waits until {@link #runAll} has finished its clean-up and reports, at most {@code max}. */
    public boolean awaitCleanup(Duration max) throws InterruptedException {
        return finished.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
