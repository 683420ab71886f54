package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code naive-copy: {from: primary, name: copy}}: a plain file copy of a live data directory. With
 * {@code checkpoint-during: true} pg_wal is copied first, then a CHECKPOINT runs on the source, then
 * the rest is copied: what happens when a copy takes minutes and a checkpoint falls inside it.
 */
public final class NaiveCopyStep implements StepType {
    static final String CHECKPOINT_DURING = "checkpoint-during";

    @Override
    public String key() {
        return "naive-copy";
    }

    @Override
    public String description() {
        return "Copy a node's live data directory file by file, without backup mode (shows why that is not a backup)";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.optional("from", ParamType.NODE, "primary", "node whose data directory is copied"),
                Param.optional("name", ParamType.BACKUP, "naive", "name later steps restore from"),
                Param.optional(CHECKPOINT_DURING, ParamType.BOOLEAN, "false",
                        "copy pg_wal first, then run CHECKPOINT on the source, then copy the rest"));
    }

    @Override
    public String shorthand() {
        return "from";
    }

    @Override
    public Set<String> outputs() {
        return Set.of("name", "end-time");
    }

    @Override
    public void run(StepContext ctx) {
        Node from = ctx.node(ctx.args().string("from", "primary"));
        String name = ctx.args().string("name", "naive");
        if (!ctx.args().bool(CHECKPOINT_DURING, false)) {
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
                    + StepContext.firstLine(e), e);
        }
    }
}
