package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RejoinMethod;
import dev.pgdrill.engine.env.Rejoined;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.util.Locale;

/**
 * {@code rejoin: { node: old, upstream: s1, method: rewind }}: makes a former primary (stopped, or running and
 * diverged after a failover) a streaming standby of {@code upstream}: by pg_rewind (its writes after the branch
 * point are gone), by a fresh base backup, or by pg_rewind with a rebuild when that fails ({@code auto}). Passes
 * when the upstream shows it streaming and it has replayed a write made after that, as {@code follow} checks;
 * {@code seconds} is the time from the request to that replay, {@code bytes} what pg_rewind copied (or the
 * rebuilt data directory's size); the evidence lists pg_rewind's lines.
 */
public final class RejoinStep extends StepType<RejoinStep.Params> {
    record Params(@StepParam(value = "the former primary to make a standby", required = true,
                          type = ParamType.NODE) String node,
                  @StepParam(value = "the node it streams from afterwards (the new primary, or a standby of it)",
                          required = true, type = ParamType.NODE) String upstream,
                  @StepParam(value = "rewind: pg_rewind; rebuild: a fresh base backup (rebuild-replica); auto: pg_rewind, "
                          + "a rebuild when pg_rewind fails", dflt = "auto") RejoinMethod method,
                  @StepParam(value = "where the check write is made: default the upstream when it is writable, else "
                          + "the one running node that is", type = ParamType.NODE) String writer) {
        Params {
            if (node != null && node.equals(upstream)) {
                throw new IllegalArgumentException("'node' and 'upstream' are both '" + node + "': a node cannot "
                        + "stream from itself");
            }
        }
    }

    public RejoinStep() {
        super("rejoin", "Make a former primary a standby of another node again (pg_rewind, a rebuild, or pg_rewind with "
                        + "a rebuild when it fails); wait until it streams and replays a new write", Params.class,
                StepOutput.of("method", "the method that worked: rewind or rebuild"),
                StepOutput.of("seconds", "seconds from the request until it had replayed the check write"),
                StepOutput.of("bytes", "what pg_rewind reported it copied, or the rebuilt data directory's size"),
                StepOutput.of("lsn", "the LSN of the check write it was seen to replay"));
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        Node old = ctx.node(p.node());
        Node upstream = ctx.node(p.upstream());
        Node writer = FollowStep.writer(ctx, p.writer(), upstream);
        long started = System.nanoTime();
        Rejoined done = ctx.env().rejoin(old.name(), upstream.name(), p.method());
        String method = done.method().name().toLowerCase(Locale.ROOT);
        if (done.fallback() != null) {
            ctx.evidence("pg_rewind failed, rebuilt instead: " + done.fallback());
        }
        ctx.evidence("'" + old.name() + "' rejoined '" + upstream.name() + "' by " + method
                + (done.bytes() >= 0 ? " (" + done.bytes() + " bytes)" : ""));
        for (String line : done.toolLines()) {
            ctx.evidence(line);
        }
        String marker = FollowStep.streamsAndReplays(ctx, old, upstream, writer, "rejoin check");
        double seconds = (System.nanoTime() - started) / 1e9;
        ctx.output("method", method);
        ctx.output("seconds", String.format(Locale.ROOT, "%.3f", seconds));
        ctx.output("bytes", done.bytes());
        ctx.output("lsn", marker);
        ctx.measure("rejoin-" + method, seconds, "s");
    }
}
