package dev.pgdrill.engine.steps.faults;

import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.time.Duration;

/** {@code latency: {on: replica, delay: 200ms}}: delays traffic over the node's replication link. */
public final class LatencyStep extends StepType<LatencyStep.Params> {
    record Params(@StepParam(value = "node whose link is slowed", dflt = "replica", type = ParamType.NODE) String on,
                  @StepParam(value = "added delay, e.g. 200ms; 0ms removes it", required = true) Duration delay) {
    }

    public LatencyStep() {
        super("latency", "Delay traffic over a node's replication link (0ms removes the delay)", Params.class);
    }

    @Override
    public void checkEnvironment(StepSpec spec, EnvironmentSpec environment, ValidationSink problems) {
        NodeActions.refuseLinkFaultUnderManager(spec, environment, problems);
    }

    @Override
    protected void run(StepContext ctx, Params p) {
        String node = ctx.node(p.on()).name();
        ctx.env().latency(node, p.delay());
    }
}
