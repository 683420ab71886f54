package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code check: {...}} takes one parameter of every {@link ParamType}; publishes {@code value} (test fixture). */
public final class CheckStep extends StepType<CheckStep.Params> {
    enum Mode { FAST, SLOW }

    record Params(@StepParam(value = "node", dflt = "primary", type = ParamType.NODE) String on,
                  @StepParam("whole number") Long count,
                  @StepParam("number") Double ratio,
                  @StepParam(value = "flag", dflt = "false") boolean strict,
                  @StepParam("duration") Duration within,
                  @StepParam(value = "byte size", type = ParamType.BYTES) Long size,
                  @StepParam(value = "how", dflt = "fast") Mode mode,
                  @StepParam("mapping") Map<String, Object> params,
                  @StepParam("list") List<String> args,
                  @StepParam("anything") Object extra,
                  @StepParam("text") String label) {
    }

    public CheckStep() {
        super("check", "Accept one parameter of each type (test fixture)", Params.class,
                StepOutput.of("value", "a value (test fixture)"));
    }

    @Override
    protected void checkCombination(StepSpec spec, ValidationSink problems) {
        if (spec.params().containsKey("count") && spec.params().containsKey("ratio")) {
            problems.problem(spec.locationOf("ratio"), "give 'count' or 'ratio', not both");
        }
    }

    @Override
    protected void run(StepContext ctx, Params p) {
        ctx.output("value", p.label() == null ? "checked" : p.label());
    }
}
