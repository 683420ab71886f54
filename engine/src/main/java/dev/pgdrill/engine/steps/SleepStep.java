package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.scenario.Durations;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepType;

import java.time.Duration;
import java.util.List;

/** {@code sleep: 2s}: waits a fixed time. A last resort: prefer wait, which polls a real condition. */
public final class SleepStep implements StepType {
    @Override
    public String key() {
        return "sleep";
    }

    @Override
    public String description() {
        return "Wait a fixed time (last resort: prefer 'wait', which polls a real condition)";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.required("for", ParamType.DURATION, "how long, e.g. 500ms or 2s"));
    }

    @Override
    public String shorthand() {
        return "for";
    }

    @Override
    public void run(StepContext ctx) throws InterruptedException {
        Duration d = ctx.args().duration("for", Duration.ZERO);
        if (d.compareTo(ctx.remaining()) > 0) {
            throw new StepFailure("sleep of " + Durations.format(d) + " is longer than the step's time left ("
                    + Durations.format(ctx.remaining()) + "); raise the step's timeout");
        }
        Thread.sleep(d.toMillis());
    }
}
