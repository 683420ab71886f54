package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.time.Duration;

/** {@code nap: 20ms} waits briefly (at most 200ms); {@code nap:} alone waits 10ms (test fixture). */
public final class NapStep extends StepType<NapStep.Params> {
    record Params(@StepParam(value = "how long", name = "for", dflt = "10ms", shorthand = true) Duration duration) {
    }

    public NapStep() {
        super("nap", "Wait a short time (test fixture)", Params.class);
    }

    @Override
    protected void run(StepContext ctx, Params p) throws InterruptedException {
        Thread.sleep(Math.min(200, p.duration().toMillis()));
    }
}
