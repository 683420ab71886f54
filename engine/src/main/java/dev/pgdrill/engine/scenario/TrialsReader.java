package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.model.DurationRange;
import dev.pgdrill.engine.model.Placeholders;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.model.TrialBound;
import dev.pgdrill.engine.model.TrialPlan;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads a drill's {@code repeat:} (trials per run, at least 1) and {@code trials:} (bounds over the set,
 * see {@link TrialBound}) into a {@link TrialPlan}, and notes whether a step draws a value from a range.
 */
final class TrialsReader {
    private TrialsReader() {
    }

    /** The plan as written; it draws nothing until {@link #withDraws} has looked at the steps. */
    static TrialPlan read(YamlNode.Mapping top, Problems problems) {
        int repeat = 1;
        YamlNode.Entry r = top.entry("repeat");
        if (r != null) {
            Long n = r.value() instanceof YamlNode.Scalar s && s.value() instanceof Long l ? l : null;
            if (n == null || n < 1 || n > TrialPlan.MAX_REPEAT) {
                problems.add(r.value().location(), "'repeat' must be a whole number of trials from 1 to " + TrialPlan.MAX_REPEAT
                        + ", found " + YamlNode.describe(r.value()));
            } else {
                repeat = n.intValue();
            }
        }
        return new TrialPlan(repeat, bounds(top.entry("trials"), problems), false);
    }

    /** {@code plan}, drawing values when a step of {@code steps} takes a range. */
    static TrialPlan withDraws(TrialPlan plan, List<StepSpec> steps, StepRegistry registry,
                               UnaryOperator<String> staticText) {
        return new TrialPlan(plan.repeat(), plan.bounds(), draws(steps, registry, staticText));
    }

    private static List<TrialBound> bounds(YamlNode.Entry entry, Problems problems) {
        List<TrialBound> bounds = new ArrayList<>();
        if (entry == null) {
            return bounds;
        }
        if (!(entry.value() instanceof YamlNode.Mapping m)) {
            problems.add(entry.value().location(), "'trials' must be a mapping of bounds over the trials (e.g. "
                    + "'trials: { max-lost: 0, p95-seconds: 5 }'), found " + YamlNode.describe(entry.value()));
            return bounds;
        }
        for (YamlNode.Entry e : m.entries()) {
            if (!TrialBound.isKey(e.key())) {
                problems.add(e.keyLocation(), "'trials': unknown bound '" + e.key() + "'"
                        + DidYouMean.hint(e.key(), TrialBound.EXAMPLES) + " (expected max-, p50-, p90-, p95- or p99- "
                        + "followed by lost, ghost or seconds, or min-passed)");
                continue;
            }
            Object v = e.value() instanceof YamlNode.Scalar s ? s.value() : null;
            if (!(v instanceof Number n) || n.doubleValue() < 0 || !Double.isFinite(n.doubleValue())) {
                problems.add(e.value().location(), "'trials': " + e.key() + " must be a number, 0 or more, found "
                        + YamlNode.describe(e.value()));
                continue;
            }
            bounds.add(TrialBound.of(e.key(), n.doubleValue(), e.keyLocation()));
        }
        return bounds;
    }

    /** Whether a duration parameter of some step is written as a range (directly or through a variable). */
    private static boolean draws(List<StepSpec> steps, StepRegistry registry, UnaryOperator<String> staticText) {
        for (StepSpec s : steps) {
            List<Param> params = registry.find(s.type()).map(t -> t.params()).orElse(List.of());
            for (Param p : params) {
                Object v = s.params().get(p.name());
                if (p.type() == ParamType.DURATION && v instanceof String text
                        && DurationRange.looksLikeRange(Placeholders.mentions(text) ? staticText.apply(text) : text)) {
                    return true;
                }
            }
        }
        return false;
    }
}
