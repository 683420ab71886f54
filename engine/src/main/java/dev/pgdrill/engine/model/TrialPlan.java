package dev.pgdrill.engine.model;

import java.util.List;

/**
 * How a drill is tried: {@code repeat:} trials (each in a fresh environment), judged as a set by the
 * bounds under {@code trials:}; {@code --repeat} overrides the count.
 *
 * @param repeat  trials per run, at least 1
 * @param bounds  bounds over the set, as written
 * @param draws   whether a step takes a range ({@code 200ms..3s}) and so draws a value when it runs
 */
public record TrialPlan(int repeat, List<TrialBound> bounds, boolean draws) {
    /** The most trials one drill may ask for ({@code repeat:} or {@code --repeat}). */
    public static final int MAX_REPEAT = 10_000;
    /** A drill run once, judged alone, drawing nothing. */
    public static final TrialPlan ONCE = new TrialPlan(1, List.of(), false);

    public TrialPlan {
        bounds = List.copyOf(bounds);
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat " + repeat);
        }
    }

    /** Whether runs of the drill are trials: it repeats, draws values or is judged as a set. */
    public boolean trials() {
        return repeat > 1 || draws || !bounds.isEmpty();
    }

    public TrialPlan withRepeat(int n) {
        return new TrialPlan(n, bounds, draws);
    }
}
