package dev.pgdrill.engine.run;

import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.StepRegistry;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What a run executes, planned alike by every front end (the CLI, the JUnit engine): the drills the front end
 * selected, less those this machine cannot run (each with its reason), checked against what the backend offers,
 * expanded into trials ({@code repeat:} / {@code --repeat}, judged as a set by {@link TrialSets}), and the
 * executor that runs them, with one set-up deadline.
 */
public final class RunPlan {
    /** How long a drill's environment may take to come up, whichever front end runs it. */
    public static final Duration SET_UP_TIMEOUT = Duration.ofMinutes(3);

    /** A selected drill this machine cannot run, and why (e.g. its PostgreSQL version is not installed). */
    public record LeftOut(Scenario scenario, String reason) {
        /** {@code scenarios/pg17.yaml: left out, no PostgreSQL 17 server binaries}. */
        public String message() {
            return scenario.file() + ": left out, " + reason;
        }
    }

    private final List<LeftOut> leftOut;
    private final String refused;
    private final List<Scenario> runs;
    private final Map<Scenario, Scenario> origins;
    private final long seed;

    private RunPlan(List<LeftOut> leftOut, String refused, List<Scenario> runs, Map<Scenario, Scenario> origins,
                    long seed) {
        this.leftOut = List.copyOf(leftOut);
        this.refused = refused;
        this.runs = List.copyOf(runs);
        this.origins = origins;
        this.seed = seed;
    }

    /**
     * Plans {@code selected}, in its order.
     *
     * @param named   the drills named on their own: kept even when unavailable, so that their set-up says what is
     *                missing; the others (found in a directory) are left out
     * @param seed    the run's seed, from which every trial's drawn values follow
     * @param repeat  trials per drill over each file's {@code repeat:}, or null
     * @param only    the one trial to run of each drill ({@code --trial K}), or null for all
     */
    public static RunPlan of(List<Scenario> selected, Predicate<Scenario> named, EnvironmentFactory factory, long seed,
                             Integer repeat, Integer only) {
        List<LeftOut> out = new ArrayList<>();
        String refused = null;
        List<Scenario> runs = new ArrayList<>();
        Map<Scenario, Scenario> origins = new IdentityHashMap<>();
        for (Scenario s : selected) {
            String why = named.test(s) ? null : factory.unavailable(s.environmentSpec());
            if (why != null) {
                out.add(new LeftOut(s, why));
                continue;
            }
            String no = factory.unsupported(s.environmentSpec());
            refused = refused != null || no == null ? refused : s.file() + ": " + no;
            for (Scenario run : TrialSets.expand(List.of(s), seed, repeat, only)) {
                runs.add(run);
                origins.put(run, s);
            }
        }
        return new RunPlan(out, refused, runs, origins, seed);
    }

    /** A seed for a run that was given none. */
    public static long randomSeed() {
        return new SecureRandom().nextInt(1_000_000_000);
    }

    /** The selected drills left out, in order. */
    public List<LeftOut> leftOut() {
        return leftOut;
    }

    /** Why the backend cannot run the first drill it refuses ({@code file: reason}), or null: nothing may run then. */
    public String refused() {
        return refused;
    }

    /** What the executor runs: each kept drill once, or each of its trials. */
    public List<Scenario> runs() {
        return runs;
    }

    /** The selected drill that {@code run} (one of {@link #runs()}) comes from. */
    public Scenario origin(Scenario run) {
        return origins.get(run);
    }

    public long seed() {
        return seed;
    }

    /** Whether any run is a trial (then the seed matters for running one again). */
    public boolean tried() {
        return runs.stream().anyMatch(s -> s.trial() != null);
    }

    /** Facts about the plan for the run's report: its set-up deadline, and its seed when it has trials. */
    public Map<String, String> facts() {
        Map<String, String> facts = new TreeMap<>();
        facts.put("set-up-timeout", Durations.format(SET_UP_TIMEOUT));
        if (tried()) {
            facts.put("seed", String.valueOf(seed));
        }
        return facts;
    }

    /** The executor of this plan's runs. */
    public DrillExecutor executor(StepRegistry registry, EnvironmentFactory factory, String environmentKind,
                                  DrillListener listener, boolean keepEnvironment) {
        return new DrillExecutor(registry, factory, environmentKind, listener, SET_UP_TIMEOUT, keepEnvironment);
    }
}
