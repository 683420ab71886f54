package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.util.List;
import java.util.Set;

/** {@code naive-copy: {from: primary, name: copy}}: a plain file copy of a live data directory. */
public final class NaiveCopyStep implements StepType {
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
                Param.optional("name", ParamType.STRING, "naive", "name later steps restore from"));
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
        String from = ctx.node(ctx.args().string("from", "primary")).name();
        BackupStep.publish(ctx, ctx.env().naiveCopy(from, ctx.args().string("name", "naive")));
    }
}
