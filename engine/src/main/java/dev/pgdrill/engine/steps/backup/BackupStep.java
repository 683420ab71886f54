package dev.pgdrill.engine.steps.backup;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.Times;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.util.Arrays;

/**
 * {@code backup: {from: primary, name: base, type: full}}: a named base backup with the environment's
 * backup tool. A {@code diff} or {@code incr} backup needs a tool that takes them (pgBackRest); asking
 * pg_basebackup for one is refused before anything runs.
 */
public final class BackupStep extends StepType<BackupStep.Params> {
    record Params(@StepParam(value = "node to back up", dflt = "primary", shorthand = true, type = ParamType.NODE) String from,
                  @StepParam(value = "name later steps restore from", dflt = "base", type = ParamType.BACKUP) String name,
                  @StepParam(value = "full, or diff / incr (changes since the last full / any backup) with a tool that takes them",
                          dflt = "full") BackupType type) {
    }

    public BackupStep() {
        super("backup", "Take a named base backup of a node with the environment's backup tool (fast checkpoint)",
                Params.class, "name", "start-lsn", "end-lsn", "end-time", "timeline");
    }

    @Override
    public void checkEnvironment(StepSpec spec, EnvironmentSpec environment, ValidationSink problems) {
        Object written = spec.params().get("type");
        BackupTool tool = environment.backupTool();
        if (written == null || String.valueOf(written).contains("${")) {
            return;
        }
        Arrays.stream(BackupType.values()).filter(t -> t.key().equals(String.valueOf(written)) && !tool.takes(t))
                .findFirst().ifPresent(t -> problems.problem(spec.locationOf("type"), "backup type '" + t
                        + "' is not offered by backup tool '" + tool + "', which takes only full backups: use "
                        + "type: full, or choose a tool with " + t + " backups (environment: { backup-tool: "
                        + BackupTool.PGBACKREST + " } or --backup-tool " + BackupTool.PGBACKREST + ")"));
    }

    @Override
    protected void run(StepContext ctx, Params p) {
        String from = ctx.node(p.from()).name();
        publish(ctx, ctx.env().backup(from, p.name(), p.type()));
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
