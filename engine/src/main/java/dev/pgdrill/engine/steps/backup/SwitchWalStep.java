package dev.pgdrill.engine.steps.backup;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.postgres.Wal;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;


/** {@code switch-wal: primary}: closes the current WAL segment and waits until the archive has it. */
public final class SwitchWalStep extends StepType<SwitchWalStep.Params> {
    record Params(@StepParam(value = "primary whose WAL is switched", dflt = "primary", shorthand = true, type = ParamType.NODE) String on) {
    }

    public SwitchWalStep() {
        super("switch-wal", "Switch to a new WAL segment (pg_switch_wal) and wait until the completed one is archived", Params.class,
                StepOutput.of("lsn", "the LSN where the completed segment ends"),
                StepOutput.of("segment", "the WAL segment completed and archived"));
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        Node node = ctx.node(p.on());
        Wal.Segment seg = Wal.switchWal(ctx, node);
        ctx.output("lsn", seg.lsn());
        ctx.output("segment", seg.segment());
        Wal.awaitArchived(ctx, node, seg);
    }
}
