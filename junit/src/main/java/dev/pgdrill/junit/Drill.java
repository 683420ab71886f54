package dev.pgdrill.junit;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.report.ReportFilesListener;
import dev.pgdrill.engine.run.CompositeListener;
import dev.pgdrill.engine.run.DrillExecutor;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.RunPlan;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.scenario.EnvAllowlist;
import dev.pgdrill.engine.scenario.InvalidScenarioException;
import dev.pgdrill.engine.scenario.Problem;
import dev.pgdrill.engine.scenario.Scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Runs one drill from a test, with Java-side checks at points of it: before or after a named step, or
 * after the last main step (before the {@code finally} steps). A check gets the drill's nodes, each as
 * a {@link org.jdbi.v3.core.Jdbi}:
 * <pre>
 * Drill.classpath("drills/pitr.yaml")
 *     .after("accidental delete", nodes -&gt; assertThat(nodes.jdbi("primary").withHandle(h -&gt;
 *             h.createQuery("SELECT count(*) FROM customers").mapTo(Integer.class).one())).isEqualTo(4))
 *     .run();
 * </pre>
 * A check that throws stops the drill (the current step is reported aborted, later steps and the
 * {@code finally} steps are skipped), the environment is cleaned up, and {@link #run()} rethrows the
 * check's exception. The drill runs on the backend that the system property {@code pgdrill.env} names
 * ({@code local} by default), or the one given with {@link #env(String)}.
 */
public final class Drill {
    private enum When { BEFORE, AFTER, END }

    private record Hook(When when, String step, DrillCheck check) {
    }

    private final ScenarioSource source;
    private final Map<String, String> vars = new LinkedHashMap<>();
    private final List<Hook> hooks = new ArrayList<>();
    private String env = System.getProperty(Backends.ENV_KEY, Backends.DEFAULT_ENV);
    private EnvAllowlist allowEnv = Backends.allowEnv(Optional.ofNullable(System.getProperty(Backends.ALLOW_ENV_KEY)));
    private Path reportDir;

    private Drill(ScenarioSource source) {
        this.source = source;
    }

    /** The drill in {@code file}. */
    public static Drill file(Path file) {
        return new Drill(ScenarioSource.ofFile(file));
    }

    /**
     * The drill in the classpath resource {@code name} (e.g. {@code drills/pitr.yaml} from
     * {@code src/test/resources}).
     *
     * @throws IllegalArgumentException when there is no such resource
     */
    public static Drill classpath(String name) {
        ScenarioSource s = ScenarioSource.ofResource(name, Thread.currentThread().getContextClassLoader());
        if (s == null) {
            throw new IllegalArgumentException("no classpath resource '" + name + "'");
        }
        return new Drill(s);
    }

    /** Sets variable {@code name}, as {@code --var name=value} does. */
    public Drill var(String name, String value) {
        vars.put(name, value);
        return this;
    }

    /**
     * Lets the drill read the environment variable {@code name} (or every match of a glob such as
     * {@code APP_*}) with {@code ${env.NAME}}, as {@code --allow-env} does; without it (or the system
     * property {@code pgdrill.allow-env}, or {@code PGDRILL_ALLOW_ENV}) a drill reads none.
     *
     * @throws IllegalArgumentException when {@code name} is neither a variable name nor such a glob
     */
    public Drill allowEnv(String name) {
        allowEnv = allowEnv.plus(EnvAllowlist.of(List.of(name)));
        return this;
    }

    /** The backend: {@code local} or {@code compose}. */
    public Drill env(String kind) {
        this.env = kind;
        return this;
    }

    /** Writes the CLI's report files (HTML page, JUnit XML, journal) into {@code dir}. */
    public Drill reportTo(Path dir) {
        this.reportDir = dir;
        return this;
    }

    /** Runs {@code check} just before the step whose id or name is {@code step}. */
    public Drill before(String step, DrillCheck check) {
        hooks.add(new Hook(When.BEFORE, step, check));
        return this;
    }

    /** Runs {@code check} just after the step whose id or name is {@code step}, when it passed. */
    public Drill after(String step, DrillCheck check) {
        hooks.add(new Hook(When.AFTER, step, check));
        return this;
    }

    /** Runs {@code check} after the last main step, when every step passed, before the finally steps. */
    public Drill afterSteps(DrillCheck check) {
        hooks.add(new Hook(When.END, null, check));
        return this;
    }

    /**
     * Runs the drill in a fresh environment and cleans it up.
     *
     * @return the drill's result, when it passed
     * @throws AssertionError when the scenario is invalid (every problem at {@code file:line:column}; nothing
     *                        runs) or the drill did not pass (its first failure)
     * @throws IllegalArgumentException when a check names a step the drill does not have
     * Also throws what a check threw (an {@link AssertionError} or unchecked exception as it is, a checked
     * exception wrapped in an AssertionError), after clean-up.
     */
    public DrillResult run() {
        Scenario scenario;
        try {
            scenario = source.load(Backends.loader(allowEnv), vars);
        } catch (InvalidScenarioException e) {
            throw new AssertionError(e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")));
        }
        Map<StepSpec, List<Hook>> byStep = resolve(scenario);
        AtomicReference<Environment> current = new AtomicReference<>();
        Checks checks = new Checks(scenario, byStep, current);
        List<DrillListener> listeners = new ArrayList<>(List.of(checks));
        if (reportDir != null) {
            listeners.add(new ReportFilesListener(reportDir));
        }
        DrillExecutor executor = new DrillExecutor(Backends.registry(), Backends.factory(env, current::set), env,
                new CompositeListener(listeners, System.err), RunPlan.SET_UP_TIMEOUT, false);
        checks.executor = executor;
        RunResult run = executor.runAll(List.of(scenario));
        DrillResult result = run.drills().get(0);
        if (checks.failure != null) {
            if (checks.failure instanceof Error | checks.failure instanceof RuntimeException) {
                sneakyThrow(checks.failure);
            }
            throw new AssertionError(checks.failure.toString(), checks.failure);
        }
        if (!result.passed()) {
            throw new AssertionError("drill '" + scenario.name() + "' " + result.status().word() + ": " + result.message());
        }
        return result;
    }

    private Map<StepSpec, List<Hook>> resolve(Scenario scenario) {
        Map<StepSpec, List<Hook>> byStep = new LinkedHashMap<>();
        List<StepSpec> steps = scenario.steps();
        for (Hook h : hooks) {
            StepSpec at = h.when() == When.END ? steps.get(steps.size() - 1) : steps.stream()
                    .filter(s -> h.step().equals(s.id()) || h.step().equals(s.name()) || h.step().equals(s.label()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("drill '" + scenario.name() + "' has no step '"
                            + h.step() + "' (steps: " + steps.stream().map(StepSpec::label)
                            .collect(Collectors.joining(", ")) + ")"));
            byStep.computeIfAbsent(at, k -> new ArrayList<>()).add(h);
        }
        return byStep;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    /** Runs the hooks as the executor reaches their steps; the first failure stops the drill. */
    private static final class Checks implements DrillListener {
        private final Scenario scenario;
        private final Map<StepSpec, List<Hook>> byStep;
        private final AtomicReference<Environment> environment;
        volatile DrillExecutor executor;
        volatile Throwable failure;

        Checks(Scenario scenario, Map<StepSpec, List<Hook>> byStep, AtomicReference<Environment> environment) {
            this.scenario = scenario;
            this.byStep = byStep;
            this.environment = environment;
        }

        @Override
        public void stepStarted(Scenario s, StepSpec step) {
            run(step, When.BEFORE);
        }

        @Override
        public void stepFinished(Scenario s, StepResult result) {
            if (result.status() == StepStatus.PASSED) {
                run(result.spec(), When.AFTER);
                run(result.spec(), When.END);
            }
        }

        private void run(StepSpec step, When when) {
            for (Hook h : byStep.getOrDefault(step, List.of())) {
                if (h.when() != when || failure != null) {
                    continue;
                }
                try {
                    h.check().check(new DrillNodes(environment.get()));
                } catch (Throwable t) {
                    failure = t;
                    String where = when == When.END ? "after the last step" : when.name().toLowerCase(Locale.ROOT) + " step '"
                            + step.label() + "'";
                    executor.abort("the check " + where + " of drill '" + scenario.name() + "' failed: " + t,
                            ExitCode.DRILL_FAILED);
                }
            }
        }
    }
}
