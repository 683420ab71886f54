package dev.pgdrill.engine.steps.backup;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.step.ParamProblem;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.util.List;

/**
 * {@code expire-backups: {retain-full: 1}}: applies a retention to the run's backups with the backup
 * tool (pgBackRest: {@code expire --repo1-retention-full}); the backups it removes, and the WAL only
 * they needed, are gone for later restores, whose preflight then refuses targets before what remains.
 */
public final class ExpireBackupsStep extends StepType<ExpireBackupsStep.Params> {
    record Params(@StepParam(value = "full backups to keep (with the backups that build on them)", dflt = "1",
            shorthand = true) long retainFull) {
        Params {
            ParamProblem.require(retainFull >= 1 && retainFull <= 9_999_999, "retain-full",
                    "'retain-full' must be from 1 to 9999999");
        }
    }

    public ExpireBackupsStep() {
        super("expire-backups", "Expire backups beyond a retention of full backups with the backup tool "
                + "(pgbackrest expire), and the WAL only they needed", Params.class,
                StepOutput.of("kept", "names of the backups left after expiry, comma-separated (not a count)"),
                StepOutput.of("count", "how many backups are left"));
    }

    @Override
    public void checkEnvironment(StepSpec spec, EnvironmentSpec environment, ValidationSink problems) {
        if (!environment.backupTool().expires()) {
            problems.problem(spec.location(), "backup tool '" + environment.backupTool() + "' keeps no retention of "
                    + "its own to expire backups with" + BackupTool.first(BackupTool::expires).map(t -> ": choose "
                    + "environment: { backup-tool: " + t + " } or --backup-tool " + t).orElse(""));
        }
    }

    @Override
    protected void run(StepContext ctx, Params p) {
        ctx.env().expireBackups((int) p.retainFull()).forEach(ctx::evidence);
        List<BackupInfo> kept = ctx.env().backups();
        ctx.output("kept", String.join(",", kept.stream().map(BackupInfo::name).toList()));
        ctx.output("count", kept.size());
    }
}
