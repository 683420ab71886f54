package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.util.List;
import java.util.Set;

/** {@code backup: {from: primary, name: base}}: a named base backup with pg_basebackup. */
public final class BackupStep implements StepType {
    @Override
    public String key() {
        return "backup";
    }

    @Override
    public String description() {
        return "Take a named base backup of a node with pg_basebackup (fast checkpoint)";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.optional("from", ParamType.NODE, "primary", "node to back up"),
                Param.optional("name", ParamType.BACKUP, "base", "name later steps restore from"));
    }

    @Override
    public String shorthand() {
        return "from";
    }

    @Override
    public Set<String> outputs() {
        return Set.of("name", "start-lsn", "end-lsn", "end-time", "timeline");
    }

    @Override
    public void run(StepContext ctx) {
        String from = ctx.node(ctx.args().string("from", "primary")).name();
        publish(ctx, ctx.env().backup(from, ctx.args().string("name", "base")));
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
