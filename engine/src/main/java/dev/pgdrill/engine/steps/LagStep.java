package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code lag: {replica: replica, max-bytes: 500}}: measures how far a replica is behind its primary,
 * in bytes and seconds, from both sides, and optionally asserts bounds. The seed's rule of thumb:
 * more than 500 bytes behind means a failover now would lose data.
 */
public final class LagStep implements StepType {
    @Override
    public String key() {
        return "lag";
    }

    @Override
    public String description() {
        return "Measure replication lag (bytes and seconds, replica and primary views); optional max/min bounds";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.optional("replica", ParamType.NODE, "replica", "standby whose lag is measured"),
                Param.optional("primary", ParamType.NODE, "primary", "node it follows"),
                Param.optional("max-bytes", ParamType.BYTES, "fail when the replay lag is above this many bytes"),
                Param.optional("min-bytes", ParamType.BYTES, "fail when the replay lag is below this many bytes"),
                Param.optional("max-seconds", ParamType.NUMBER, "fail when the replay lag is above this many seconds"));
    }

    @Override
    public String shorthand() {
        return "replica";
    }

    @Override
    public Set<String> outputs() {
        return Set.of("bytes", "seconds", "view");
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        Node primary = ctx.node(ctx.args().string("primary", "primary"));
        Node replica = ctx.node(ctx.args().string("replica", "replica"));
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
        if (ctx.args().has("max-bytes") && r.bytes() > ctx.args().bytes("max-bytes", 0)) {
            broken.add("at most " + ctx.args().bytes("max-bytes", 0) + " bytes");
        }
        if (ctx.args().has("min-bytes") && r.bytes() < ctx.args().bytes("min-bytes", 0)) {
            broken.add("at least " + ctx.args().bytes("min-bytes", 0) + " bytes");
        }
        if (ctx.args().has("max-seconds")) {
            double max = ctx.args().number("max-seconds", 0);
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
