package dev.pgdrill.engine.steps.backup;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.postgres.Times;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;


/** {@code backup: {from: primary, name: base}}: a named base backup with pg_basebackup. */
public final class BackupStep extends StepType<BackupStep.Params> {
    record Params(@StepParam(value = "node to back up", dflt = "primary", shorthand = true, type = ParamType.NODE) String from,
                  @StepParam(value = "name later steps restore from", dflt = "base", type = ParamType.BACKUP) String name) {
    }

    public BackupStep() {
        super("backup", "Take a named base backup of a node with pg_basebackup (fast checkpoint)", Params.class, "name", "start-lsn", "end-lsn", "end-time", "timeline");
    }

    @Override
    protected void run(StepContext ctx, Params p) {
        String from = ctx.node(p.from()).name();
        publish(ctx, ctx.env().backup(from, p.name()));
    }

    static void publish(StepContext ctx, BackupInfo b) {
        ctx.output("name", b.name());
        if (b.startLsn() != null) {
            ctx.output("start-lsn", b.startLsn());
        }
        if (b.endLsn() != null) {
            ctx.output("end-lsn", b.endLsn());
        }
        if (b.endTime() != null) {
            ctx.output("end-time", Times.format(b.endTime()));
        }
        ctx.output("timeline", b.timeline());
    }
}
