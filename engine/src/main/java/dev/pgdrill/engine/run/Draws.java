package dev.pgdrill.engine.run;

import dev.pgdrill.engine.model.DurationRange;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.model.Trial;

/**
 * The value a duration written as a range ({@code 200ms..3s}) takes in a trial: drawn from the trial's seed and
 * the parameter's place, independent of the other draws, so that a plan ({@code runner plan --seed S --trial K})
 * shows exactly what the run draws.
 */
public final class Draws {
    private Draws() {
    }

    /** Where a drawn value goes: {@code crash.after} for a step with an id, else {@code steps[7].sleep.for}. */
    public static String path(StepSpec step, String param) {
        return (step.id() != null ? step.id() : step.block() + "[" + (step.index() + 1) + "]." + step.type()) + "." + param;
    }

    /** The value {@code range} takes for {@code param} of {@code step} in {@code trial}, in milliseconds ({@code 1234ms}). */
    public static String value(Trial trial, StepSpec step, String param, DurationRange range) {
        return range.draw(trial.seedOf(path(step, param))).toMillis() + "ms";
    }
}
