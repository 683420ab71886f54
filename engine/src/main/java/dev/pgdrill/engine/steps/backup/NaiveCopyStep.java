package dev.pgdrill.engine.steps.backup;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.wait.Poller;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code naive-copy: {from: primary, name: copy}}: a plain file copy of a live data directory. With
 * {@code checkpoint-during: true} pg_wal is copied first, then a CHECKPOINT runs on the source, then
 * the rest is copied: what happens when a copy takes minutes and a checkpoint falls inside it.
 */
public final class NaiveCopyStep extends StepType<NaiveCopyStep.Params> {
    record Params(@StepParam(value = "node whose data directory is copied", dflt = "primary", shorthand = true, type = ParamType.NODE) String from,
                  @StepParam(value = "name later steps restore from", dflt = "naive", type = ParamType.BACKUP) String name,
                  @StepParam(value = "copy pg_wal first, then run CHECKPOINT on the source, then copy the rest", dflt = "false")
                  boolean checkpointDuring) {
    }

    public NaiveCopyStep() {
        super("naive-copy", "Copy a node's live data directory file by file, without backup mode (shows why that is not a backup)", Params.class,
                StepOutput.of("name", "the name the copy can be restored by"),
                StepOutput.of("end-time", "when the copy ended"));
    }

    @Override
    protected void run(StepContext ctx, Params p) {
        Node from = ctx.node(p.from());
        String name = p.name();
        if (!p.checkpointDuring()) {
            BackupStep.publish(ctx, ctx.env().naiveCopy(from.name(), name));
            return;
        }
        BackupStep.publish(ctx, ctx.env().naiveCopy(from.name(), name, () -> checkpoint(ctx, from)));
    }

    /** The midway action: a CHECKPOINT on the source, with the new checkpoint's location as evidence. */
    private static void checkpoint(StepContext ctx, Node node) {
        try (Connection c = Sql.open(ctx, node, null)) {
            Sql.run(c, "CHECKPOINT", Map.of(), ctx.remaining());
            Object lsn = Sql.scalar(c, "SELECT checkpoint_lsn FROM pg_control_checkpoint()", ctx.remaining());
            ctx.evidence("a CHECKPOINT ran on '" + node.name() + "' between copying pg_wal and the rest: the copy's"
                    + " pg_control points at checkpoint " + lsn + ", written after its pg_wal was copied");
        } catch (SQLException e) {
            throw new StepFailure("CHECKPOINT on '" + node.name() + "' between copying pg_wal and the rest failed: "
                    + Poller.firstLine(e), e);
        }
    }
}
