package dev.pgdrill.engine.steps.wait;

import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.time.Duration;

/** {@code sleep: 2s}: waits a fixed time. A last resort: prefer wait, which polls a real condition. */
public final class SleepStep extends StepType<SleepStep.Params> {
    record Params(@StepParam(value = "how long, e.g. 500ms, 2s, or a range like 200ms..3s drawn per trial", name = "for", required = true, shorthand = true)
                  Duration duration) {
    }

    public SleepStep() {
        super("sleep", "Wait a fixed time (last resort: prefer 'wait', which polls a real condition)", Params.class);
    }

    @Override
    protected void run(StepContext ctx, Params p) throws InterruptedException {
        Duration d = p.duration();
        if (d.compareTo(ctx.remaining()) > 0) {
            throw new StepFailure("sleep of " + Durations.format(d) + " is longer than the step's time left ("
                    + Durations.format(ctx.remaining()) + "); raise the step's timeout");
        }
        Thread.sleep(d.toMillis());
    }
}
