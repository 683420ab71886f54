package dev.pgdrill.engine.steps.backup;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.step.ParamProblem;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.time.Duration;
import java.util.List;

/**
 * {@code check-backups: {}}: the backup tool's own verification of the backups and the archive
 * (pgBackRest: {@code check}, then {@code verify}; pg_basebackup: {@code pg_verifybackup} of each
 * base backup). Fails with the tool's message when it finds a problem; its report is the evidence.
 */
public final class CheckBackupsStep extends StepType<CheckBackupsStep.Params> {
    record Params(@StepParam(value = "how many of the tool's report lines to keep as evidence", dflt = "20") long lines) {
        Params {
            ParamProblem.require(lines >= 0, "lines", "'lines' must be 0 or more");
        }
    }

    public CheckBackupsStep() {
        super("check-backups", "Verify backups and the WAL archive with the backup tool's own checks "
                + "(pgbackrest check + verify, pg_verifybackup); fail on their errors", Params.class,
                StepOutput.of("tool", "the backup tool that checked, with its version"));
    }

    @Override
    public Duration defaultTimeout() {
        return Duration.ofMinutes(2);
    }

    @Override
    protected void run(StepContext ctx, Params p) {
        ctx.output("tool", ctx.env().backupTool());
        List<String> report;
        try {
            report = ctx.env().checkBackups();
        } catch (EnvironmentException e) {
            throw new StepFailure(ctx.env().backupTool() + " found a problem: " + e.getMessage());
        }
        report.stream().skip(Math.max(0, report.size() - p.lines())).forEach(ctx::evidence);
    }
}
