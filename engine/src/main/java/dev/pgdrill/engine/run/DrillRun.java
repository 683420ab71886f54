package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.ServerVersions;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.RunState;
import dev.pgdrill.engine.step.StepRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of one drill, used once: a fresh environment, the steps, the {@code finally} steps, clean-up on every
 * path, the result. Everything the run learns lives here, never in the {@link Scenario}: its state (outputs,
 * drawn values), its environment, and its {@link Redactor}, the drill's own plus the environment's generated
 * passwords, with which every text is masked before a listener receives it.
 */
final class DrillRun {
    /** What every drill an executor runs shares (the executor makes them once). */
    record Settings(StepRegistry registry, EnvironmentFactory environments, String environmentKind,
                    DrillListener listener, Duration setUpTimeout, boolean keepEnvironment) {
    }

    private final Settings settings;
    private final Abort abort;
    private final Scenario scenario;
    private final DrillListener listener;
    private final Instant start = Instant.now();
    private final Instant deadline;
    private final RunState state = new RunState();
    private final List<StepResult> main = new ArrayList<>();
    private final List<StepResult> fin = new ArrayList<>();
    private Redactor secrets;
    private Environment env;
    private boolean ready;
    private String backupTool;
    private String serverVersions;
    private StepStatus status = StepStatus.PASSED;
    private String failure;
    private ExitCode exit = ExitCode.OK;

    DrillRun(Settings settings, Abort abort, Scenario scenario) {
        this.settings = settings;
        this.abort = abort;
        this.scenario = scenario;
        this.listener = settings.listener();
        this.deadline = start.plus(scenario.timeout());
        this.secrets = scenario.secrets();
        this.backupTool = scenario.environmentSpec().backupTool().key();
        for (List<StepSpec> block : List.of(scenario.steps(), scenario.finallySteps())) {
            block.forEach(step -> settings.registry().find(step.type()).ifPresent(t -> state.markLogsOf(t.logMarksRead(step))));
        }
    }

    DrillResult run() {
        listener.drillStarted(scenario, settings.environmentKind());
        try {
            setUp();
            steps();
            if (ready) {
                finallySteps();
            }
        } catch (RuntimeException | Error e) {
            end(StepStatus.ABORTED, "internal error: " + e, ExitCode.INTERNAL);
        } finally {
            cleanUp();
        }
        return result();
    }

    /** A fresh environment, set up under its deadline; when it is not ready, the run's verdict says why. */
    private void setUp() {
        try {
            env = settings.environments().create(scenario.name(), scenario.environmentSpec());
            secrets = scenario.secrets().withAll(env.secrets());
            env.keep(settings.keepEnvironment());
            String stopped = SetUpUnderDeadline.run(env, scenario, deadline, settings.setUpTimeout(), abort);
            if (stopped != null) {
                end(StepStatus.ABORTED, stopped, abort.happened() ? abort.exitCode() : ExitCode.DRILL_FAILED);
                return;
            }
            ready = true;
            backupTool = env.backupTool();
            listener.environmentReady(scenario, secrets.mask(env.location()));
            serverVersions = secrets.mask(ServerVersions.describe(env));
            if (serverVersions != null) {
                listener.serverVersions(scenario, serverVersions);
            }
        } catch (RuntimeException e) {
            end(StepStatus.ABORTED, abort.happened() ? abort.reason() : "environment could not be set up: " + message(e),
                    abort.happened() ? abort.exitCode()
                            : e instanceof DrillException de ? de.exitCode() : ExitCode.ENVIRONMENT);
        }
    }

    /** The main steps in order under the drill deadline; after one did not pass (or an abort), the rest are skipped. */
    private void steps() {
        for (StepSpec step : scenario.steps()) {
            if (status != StepStatus.PASSED || abort.happened()) {
                StepResult skipped = StepResult.skipped(step, abort.happened() ? "not run: " + abort.reason()
                        : "not run: an earlier step did not pass");
                main.add(skipped);
                listener.stepFinished(scenario, skipped);
                continue;
            }
            StepResult r = runStep(step, deadline);
            main.add(r);
            if (r.status() != StepStatus.PASSED) {
                end(r.status(), "step '" + step.label() + "' (" + step.location() + "): " + r.message(),
                        ExitCode.DRILL_FAILED);
            }
        }
    }

    /**
     * The {@code finally} steps, each run whatever came before (but for an abort), under a fresh deadline of
     * their own: clean-up must be able to run after the drill deadline was spent.
     */
    private void finallySteps() {
        Instant finDeadline = Instant.now().plus(scenario.timeout());
        for (StepSpec step : scenario.finallySteps()) {
            StepResult r;
            if (abort.happened()) {
                r = StepResult.skipped(step, "not run: " + abort.reason());
                listener.stepFinished(scenario, r);
            } else {
                r = runStep(step, finDeadline);
            }
            fin.add(r);
            if (r.status() == StepStatus.FAILED && failure == null) {
                end(StepStatus.FAILED, "finally step '" + step.label() + "' (" + step.location() + "): "
                        + r.message(), ExitCode.DRILL_FAILED);
            }
        }
    }

    /** Runs one step where an abort can stop it; publishes its outputs; the listener gets it masked. */
    private StepResult runStep(StepSpec step, Instant until) {
        StepRunner runner = new StepRunner(settings.registry(), scenario, step, env, state, until, listener, secrets);
        try (Abort.Tracked tracked = abort.track(runner::abort)) {
            listener.stepStarted(scenario, step);
            StepResult r = runner.run(abort.reason());
            if (step.id() != null) {
                state.publish(step.id(), r.outputs());
            }
            StepResult shown = r.masked(secrets);
            listener.stepFinished(scenario, shown);
            return shown;
        }
    }

    /** Stops what the steps started, then the environment; a failure here is the verdict only if nothing failed before. */
    private void cleanUp() {
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
            end(StepStatus.FAILED, "clean-up failed: " + message(cleanup), ExitCode.ENVIRONMENT);
        }
    }

    /** The result, an abort's verdict and exit code included, as the listener receives it. */
    private DrillResult result() {
        if (abort.happened()) {
            if (status == StepStatus.PASSED) {
                status = StepStatus.ABORTED;
                failure = abort.reason();
            }
            exit = abort.exitCode();
        }
        DrillResult result = new DrillResult(scenario, settings.environmentKind(), status, start,
                Duration.between(start, Instant.now()), main, fin, secrets.mask(failure), exit, secrets.mask(backupTool),
                serverVersions, state.drawn());
        listener.drillFinished(result);
        return result;
    }

    private void end(StepStatus status, String failure, ExitCode exit) {
        this.status = status;
        this.failure = failure;
        this.exit = exit;
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
