package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.util.List;
import java.util.Set;

/** {@code switch-wal: primary}: closes the current WAL segment and waits until the archive has it. */
public final class SwitchWalStep implements StepType {
    @Override
    public String key() {
        return "switch-wal";
    }

    @Override
    public String description() {
        return "Switch to a new WAL segment (pg_switch_wal) and wait until the completed one is archived";
    }

    @Override
    public List<Param> params() {
        return List.of(NodeParams.on("primary", "primary whose WAL is switched"));
    }

    @Override
    public String shorthand() {
        return NodeParams.ON;
    }

    @Override
    public Set<String> outputs() {
        return Set.of("lsn", "segment");
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        Node node = ctx.node(ctx.args().string(NodeParams.ON, "primary"));
        Wal.Segment seg = Wal.switchWal(ctx, node);
        ctx.output("lsn", seg.lsn());
        ctx.output("segment", seg.segment());
        Wal.awaitArchived(ctx, node, seg);
    }
}
