package dev.pgdrill.engine.run;

import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.model.Trial;
import dev.pgdrill.engine.model.TrialPlan;
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
 * What a run executes, planned alike by every front end (the CLI, the JUnit engine): the drills selected (by tags
 * and shard, see {@link Selection}), less those this machine cannot run (each with its reason), checked against what
 * the backend offers, expanded into trials (judged as sets by {@link TrialSets}), and the executor, with one set-up
 * deadline.
 */
public final class RunPlan {
    /** How long a drill's environment may take to come up, whichever front end runs it. */
    public static final Duration SET_UP_TIMEOUT = Duration.ofMinutes(3);
    /** The most drills a run may have going at once. */
    public static final int MAX_PARALLEL = 16;

    /** A selected drill this machine cannot run, and why (e.g. its PostgreSQL version is not installed). */
    public record LeftOut(Scenario scenario, String reason) {
        /** {@code scenarios/pg17.yaml: left out, no PostgreSQL 17 server binaries}. */
        public String message() {
            return scenario.file() + ": left out, " + reason;
        }
    }

    private final List<LeftOut> leftOut = new ArrayList<>();
    private final List<Scenario> runs = new ArrayList<>();
    private final Map<Scenario, Scenario> origins = new IdentityHashMap<>();
    private final long seed;
    private String refused;

    private RunPlan(long seed) {
        this.seed = seed;
    }

    /**
     * Plans the drills {@code selected}, in their order.
     *
     * @param named  the drills named on their own: kept even when unavailable, so that their set-up says what is
     *               missing; the others (found in a directory) are left out
     * @param seed   the run's seed, from which each trial's seed and drawn values follow
     * @param repeat trials per drill over each file's {@code repeat:}, or null
     * @param only   the one trial to run of each drill ({@code --trial K}), or null for all
     */
    public static RunPlan of(Selection.Selected selected, Predicate<Scenario> named, EnvironmentFactory factory,
                             long seed, Integer repeat, Integer only) {
        RunPlan p = new RunPlan(seed);
        for (Scenario s : selected.drills()) {
            String why = named.test(s) ? null : factory.unavailable(s.environmentSpec());
            if (why != null) {
                p.leftOut.add(new LeftOut(s, why));
                continue;
            }
            String past = trialRefusal(s, repeat, only);
            String no = past != null ? past : factory.unsupported(s.environmentSpec());
            p.refused = p.refused != null || no == null ? p.refused : s.file() + ": " + no;
            if (past == null) {
                trials(s, seed, repeat, only).forEach(run -> p.add(run, s));
            }
        }
        return p;
    }

    /**
     * The runs of drill {@code s}: itself when it is not tried and no trial is asked for, else each of its trials
     * under {@code seed}, or trial {@code only} alone, labelled with the set's size ({@code pitr [trial 7/20]}).
     *
     * @param repeat trials over the file's {@code repeat:}, or null
     * @param only   the one trial wanted, or null for all
     * @throws IllegalArgumentException when {@code only} is past the set (see {@link #trialRefusal})
     */
    public static List<Scenario> trials(Scenario s, long seed, Integer repeat, Integer only) {
        String no = trialRefusal(s, repeat, only);
        if (no != null) {
            throw new IllegalArgumentException(no);
        }
        TrialPlan plan = repeat == null ? s.trials() : s.trials().withRepeat(repeat);
        if (!plan.trials() && only == null) {
            return List.of(s);
        }
        Scenario tried = s.trials(plan);
        if (only != null) {
            return List.of(tried.trial(new Trial(only, plan.repeat(), seed)));
        }
        List<Scenario> runs = new ArrayList<>();
        for (int k = 1; k <= plan.repeat(); k++) {
            runs.add(tried.trial(new Trial(k, plan.repeat(), seed)));
        }
        return runs;
    }

    /**
     * Why trial {@code only} of {@code s} cannot run, or null: past the set's size ({@code --repeat}, else the file's
     * {@code repeat:}), which a re-run names with {@code --repeat N}, since a trial is labelled K of N.
     */
    static String trialRefusal(Scenario s, Integer repeat, Integer only) {
        int size = repeat == null ? s.trials().repeat() : repeat;
        if (only == null || only <= size) {
            return null;
        }
        return "--trial " + only + " is past the set of " + size + (size == 1 ? " trial" : " trials")
                + (repeat != null ? " (--repeat " + size + ")" : " (repeat: " + size + "); give --repeat N, the size of "
                + "the set it comes from");
    }

    private void add(Scenario run, Scenario origin) {
        runs.add(run);
        origins.put(run, origin);
    }

    /** A seed for a run that was given none. */
    public static long randomSeed() {
        return new SecureRandom().nextInt(1_000_000_000);
    }

    public List<LeftOut> leftOut() {
        return List.copyOf(leftOut);
    }

    /**
     * Why the first drill refused cannot run ({@code file: reason}): the backend cannot run it, or it has no such
     * trial; or null. Nothing may run then.
     */
    public String refused() {
        return refused;
    }

    /** What the executor runs: each kept drill once, or each of its trials. */
    public List<Scenario> runs() {
        return List.copyOf(runs);
    }

    /** The selected drill that {@code run} (one of {@link #runs()}) comes from. */
    public Scenario origin(Scenario run) {
        return origins.get(run);
    }

    public long seed() {
        return seed;
    }

    /** Whether any run is a trial (then the seed runs it again). */
    public boolean tried() {
        return runs.stream().anyMatch(s -> s.trial() != null);
    }

    /** Facts for the run's report: the set-up deadline, and the seed when there are trials. */
    public Map<String, String> facts() {
        Map<String, String> facts = new TreeMap<>(Map.of("set-up-timeout", Durations.format(SET_UP_TIMEOUT)));
        if (tried()) {
            facts.put("seed", String.valueOf(seed));
        }
        return facts;
    }

    public DrillExecutor executor(StepRegistry registry, EnvironmentFactory factory, String environmentKind,
                                  DrillListener listener, boolean keepEnvironment) {
        return new DrillExecutor(registry, factory, environmentKind, listener, SET_UP_TIMEOUT, keepEnvironment);
    }
}
