package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.model.Trial;
import dev.pgdrill.engine.model.TrialPlan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A validated drill: immutable, produced only by the loader. Running it changes nothing in it: what a run
 * learns (outputs, drawn values, its environment's generated passwords) lives in that run alone.
 *
 * @param file         the file as the user named it
 * @param name         drill name (defaults to the file name without extension)
 * @param description  what the drill shows, may be empty
 * @param vars         variables, after {@code --var} overrides
 * @param steps        main steps, in order
 * @param finallySteps steps that always run after the main steps, even after a failure
 * @param timeout      deadline for the whole drill
 * @param secrets      masks the drill's secret values in every console line and report: secret variables
 *                     and {@code ${env.X}} values whose name says secret, as the loader found them. A run
 *                     masks its environment's generated passwords with a copy of its own
 *                     ({@link Redactor#withAll}) before anything reaches a listener
 * @param environment  looks up {@code ${env.X}} (null when unset): the function the loader was given, so a
 *                     value is read the same way when the drill is checked and when it runs
 * @param tags         the drill's {@code tags:} (plain names, see {@link ScenarioLoader#TAG}), for {@code --tags}
 * @param environmentSpec what the drill asks of its environment ({@code environment:}, after {@code --backup-tool})
 * @param trials       how the drill is tried ({@code repeat:}, {@code trials:} bounds, whether it draws values)
 * @param trial        which trial this run of the drill is, or null when it is not one (see {@link #trial(Trial)})
 */
public record Scenario(Path file, String name, String description, Map<String, String> vars,
                       List<StepSpec> steps, List<StepSpec> finallySteps, Duration timeout, Redactor secrets,
                       Function<String, String> environment, Set<String> tags, EnvironmentSpec environmentSpec,
                       TrialPlan trials, Trial trial) {
    public Scenario {
        trials = trials == null ? TrialPlan.ONCE : trials;
        tags = tags == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        vars = Map.copyOf(vars);
        steps = List.copyOf(steps);
        finallySteps = List.copyOf(finallySteps);
        secrets = secrets == null ? new Redactor() : secrets;
        environment = environment == null ? unset -> null : environment;
        environmentSpec = environmentSpec == null ? EnvironmentSpec.defaults() : environmentSpec;
    }

    /** A drill tried once, drawing nothing. */
    public Scenario(Path file, String name, String description, Map<String, String> vars, List<StepSpec> steps,
                    List<StepSpec> finallySteps, Duration timeout, Redactor secrets, Function<String, String> environment,
                    Set<String> tags, EnvironmentSpec environmentSpec) {
        this(file, name, description, vars, steps, finallySteps, timeout, secrets, environment, tags, environmentSpec,
                null, null);
    }

    /** The drill's name, with its trial ({@code failover [trial 3/20]}) when it is one. */
    public String title() {
        return trial == null ? name : name + " [" + trial.label() + "]";
    }

    /** This drill as trial {@code trial} (null: not a trial), everything else the same. */
    public Scenario trial(Trial trial) {
        return new Scenario(file, name, description, vars, steps, finallySteps, timeout, secrets, environment, tags,
                environmentSpec, trials, trial);
    }

    /** This drill with {@code plan} as its trial plan. */
    public Scenario trials(TrialPlan plan) {
        return new Scenario(file, name, description, vars, steps, finallySteps, timeout, secrets, environment, tags,
                environmentSpec, plan, trial);
    }

    /** A scenario without tags and with today's environment. */
    public Scenario(Path file, String name, String description, Map<String, String> vars, List<StepSpec> steps,
                    List<StepSpec> finallySteps, Duration timeout, Redactor secrets, Function<String, String> environment) {
        this(file, name, description, vars, steps, finallySteps, timeout, secrets, environment, Set.of(), null);
    }

    /** A scenario without secret values of its own (the patterns still mask), no environment variables and no tags. */
    public Scenario(Path file, String name, String description, Map<String, String> vars,
                    List<StepSpec> steps, List<StepSpec> finallySteps, Duration timeout) {
        this(file, name, description, vars, steps, finallySteps, timeout, new Redactor(), null, Set.of(), null);
    }
}
