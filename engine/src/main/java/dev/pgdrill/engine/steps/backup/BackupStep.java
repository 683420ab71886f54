package dev.pgdrill.engine.steps.backup;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.model.Placeholders;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.Times;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code backup: {from: primary, name: base, type: full}}: a named base backup with the environment's
 * backup tool. A {@code diff} or {@code incr} backup needs a tool that takes them: pgBackRest, or for
 * {@code incr} pg_basebackup on PostgreSQL 17+ with {@code summarize_wal = on} (built on the run's latest
 * earlier backup); asking for one the drill's tool and version cannot take is refused before anything
 * runs. Its outputs name the type and the parent backup it builds on, as evidence of the chain.
 */
public final class BackupStep extends StepType<BackupStep.Params> {

    record Params(@StepParam(value = "node to back up", dflt = "primary", shorthand = true, type = ParamType.NODE) String from,
                  @StepParam(value = "name later steps restore from", dflt = "base", type = ParamType.BACKUP) String name,
                  @StepParam(value = "full, or diff / incr (changes since the last full / any backup) with a tool that takes "
                          + "them (pgbackrest; incr also pg_basebackup on PostgreSQL 17+)", dflt = "full") BackupType type) {
    }

    public BackupStep() {
        super("backup", "Take a named base backup of a node with the environment's backup tool (fast checkpoint)",
                Params.class,
                StepOutput.of("name", "the backup's name as the backup tool knows it"),
                StepOutput.of("start-lsn", "the LSN where the backup began, when the tool reports it"),
                StepOutput.of("end-lsn", "the LSN where it ended: recovery must reach it to be consistent"),
                StepOutput.of("end-time", "when it ended, when the tool reports it"),
                StepOutput.of("timeline", "the timeline it was taken on"),
                StepOutput.of("type", "full, diff or incr"),
                StepOutput.of("parent", "the backup a diff or incr backup builds on (only for those)"));
    }

    @Override
    public void checkEnvironment(StepSpec spec, EnvironmentSpec environment, ValidationSink problems) {
        Object written = spec.params().get("type");
        BackupTool tool = environment.backupTool();
        if (written == null || Placeholders.mentions(String.valueOf(written))) {
            return;
        }
        BackupType type = Arrays.stream(BackupType.values()).filter(t -> t.key().equals(String.valueOf(written)))
                .findFirst().orElse(null);
        if (type == null) {
            return;
        }
        String refusal = tool.refusal(type, environment.major());
        if (refusal != null) {
            problems.problem(spec.locationOf("type"), refusal);
        } else if (tool.needs(type) != null && !isOn(environment.settings().get(tool.needs(type).setting()))) {
            BackupTool.Need need = tool.needs(type);
            problems.problem(spec.locationOf("type"), need.why() + ": add environment: { settings: { "
                    + need.setting() + ": \"on\" } } to the drill");
        }
    }

    /** Whether a boolean server setting's value means on (PostgreSQL's spellings: on, true, yes, 1). */
    private static boolean isOn(String value) {
        return value != null && List.of("on", "true", "yes", "1").contains(value.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    protected void run(StepContext ctx, Params p) {
        String from = ctx.node(p.from()).name();
        BackupInfo b = ctx.env().backup(from, p.name(), p.type());
        publish(ctx, b);
        ctx.output("type", b.type().key());
        if (b.parent() != null) {
            ctx.output("parent", b.parent());
            ctx.evidence(b.type() + " backup '" + b.name() + "' builds on '" + b.parent() + "'");
        }
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
