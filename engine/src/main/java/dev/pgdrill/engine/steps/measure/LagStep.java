package dev.pgdrill.engine.steps.measure;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.postgres.Lag;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code lag: {replica: replica, max-bytes: 500}}: measures how far a replica is behind its primary,
 * in bytes and seconds, from both sides, and optionally asserts bounds. The seed's rule of thumb:
 * more than 500 bytes behind means a failover now would lose data.
 */
public final class LagStep extends StepType<LagStep.Params> {
    record Params(@StepParam(value = "standby whose lag is measured", dflt = "replica", shorthand = true, type = ParamType.NODE)
                  String replica,
                  @StepParam(value = "node it follows", dflt = "primary", type = ParamType.NODE) String primary,
                  @StepParam(value = "fail when the replay lag is above this many bytes", type = ParamType.BYTES) Long maxBytes,
                  @StepParam(value = "fail when the replay lag is below this many bytes", type = ParamType.BYTES) Long minBytes,
                  @StepParam(value = "fail when the replay lag is above this many seconds") Double maxSeconds) {
    }

    public LagStep() {
        super("lag", "Measure replication lag (bytes and seconds, replica and primary views); optional max/min bounds", Params.class,
                StepOutput.of("bytes", "replay lag in bytes"),
                StepOutput.of("seconds", "replay lag in seconds, or unknown"),
                StepOutput.of("view", "whose view was measured: replica, or primary when the replica did not answer"));
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        Node primary = ctx.node(p.primary());
        Node replica = ctx.node(p.replica());
        Lag.Reading r = Lag.measure(ctx, primary, replica);
        r.figures().forEach((name, value) -> ctx.measure(name, value, name.endsWith("bytes") ? "bytes" : "s"));
        ctx.sample("lag_bytes", r.bytes());
        ctx.output("bytes", r.bytes());
        ctx.output("seconds", r.seconds() == null ? "unknown" : String.format(Locale.ROOT, "%.3f", r.seconds()));
        ctx.output("view", r.view());
        if (r.note() != null) {
            ctx.evidence(r.note());
        }
        List<String> broken = new ArrayList<>();
        if (p.maxBytes() != null && r.bytes() > p.maxBytes()) {
            broken.add("at most " + p.maxBytes() + " bytes");
        }
        if (p.minBytes() != null && r.bytes() < p.minBytes()) {
            broken.add("at least " + p.minBytes() + " bytes");
        }
        if (p.maxSeconds() != null) {
            double max = p.maxSeconds();
            if (r.seconds() == null || r.seconds() > max) {
                broken.add("at most " + max + "s");
            }
        }
        if (!broken.isEmpty()) {
            throw new StepFailure("lag of '" + replica.name() + "' behind '" + primary.name() + "': expected "
                    + String.join(" and ", broken) + ", found " + r.describe() + " (" + r.view() + "'s view)");
        }
    }
}
