package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.time.Duration;
import java.util.List;

/** {@code nap: 20ms} waits briefly (at most 200ms); {@code nap:} alone waits 10ms (test fixture). */
public final class NapStep implements StepType {
    @Override
    public String key() {
        return "nap";
    }

    @Override
    public String description() {
        return "Wait a short time (test fixture)";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.optional("for", ParamType.DURATION, "10ms", "how long"));
    }

    @Override
    public String shorthand() {
        return "for";
    }

    @Override
    public void run(StepContext ctx) throws InterruptedException {
        Duration d = ctx.args().duration("for", Duration.ofMillis(10));
        Thread.sleep(Math.min(200, d.toMillis()));
    }
}
