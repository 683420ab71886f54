package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupSource;
import dev.pgdrill.engine.env.SourceState;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.postgres.Times;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A restore from a drill's {@link BackupSource}: the evidence that names what was restored (the source, the
 * backup's label, its start and stop times and LSNs) and the check of the drill's objectives, each a pass or fail
 * with its measured value: the restore's time against {@code rto}, the newest backup's age against
 * {@code max-backup-age}, the newest archived WAL's age against {@code max-wal-age}.
 */
final class SourceRestore {
    private SourceRestore() {
    }

    /** Outputs and evidence naming the source and the backup about to be restored. */
    static void describe(StepContext ctx, SourceState state, BackupInfo backup) {
        ctx.output("source", state.source().describe());
        ctx.evidence("source: " + state.source().describe() + " (" + state.tool() + "), read only");
        SourceState.Backup b = state.backup(backup.name()).orElse(null);
        if (b == null) {
            return;
        }
        ctx.output("label", b.label());
        ctx.output("backup-start", b.startTime() == null ? "unknown" : Times.format(b.startTime()));
        ctx.output("backup-stop", b.stopTime() == null ? "unknown" : Times.format(b.stopTime()));
        ctx.output("backup-start-lsn", b.startLsn() == null ? "unknown" : b.startLsn());
        ctx.output("backup-stop-lsn", b.stopLsn() == null ? "unknown" : b.stopLsn());
        ctx.evidence("backup '" + b.name() + "' (label " + b.label() + "): started "
                + (b.startTime() == null ? "at an unknown time" : Times.format(b.startTime())) + " at " + b.startLsn()
                + ", stopped " + (b.stopTime() == null ? "at an unknown time" : Times.format(b.stopTime())) + " at "
                + (b.stopLsn() == null ? "an unknown LSN" : b.stopLsn()) + "; newest archived WAL: "
                + (state.newestWal() == null ? "none" : state.newestWal() + (state.newestWalTime() == null ? ""
                : ", archived " + Times.format(state.newestWalTime()))));
    }

    /**
     * Checks each objective the drill states (outputs {@code objective-*}: {@code pass: 2.1s <= 15m}); the ages are
     * measured now. Fails naming every objective missed, after all are reported.
     */
    static void checkObjectives(StepContext ctx, SourceState state, Duration took) {
        BackupSource.Objectives o = state.source().objectives();
        OffsetDateTime now = OffsetDateTime.now();
        List<String> missed = new ArrayList<>();
        check(ctx, "rto", "restore and recovery took", took, o.rto(), missed);
        OffsetDateTime newestStop = state.backups().stream().map(SourceState.Backup::stopTime)
                .filter(t -> t != null).max(OffsetDateTime::compareTo).orElse(null);
        Duration backupAge = newestStop == null ? null : Duration.between(newestStop, now);
        if (backupAge != null) {
            ctx.measure("backup_age_seconds", backupAge.toMillis() / 1000.0, "s");
        }
        check(ctx, "max-backup-age", "the newest backup stopped", backupAge, o.maxBackupAge(), missed);
        Duration walAge = state.newestWalTime() == null ? null : Duration.between(state.newestWalTime(), now);
        if (walAge != null) {
            ctx.measure("wal_age_seconds", walAge.toMillis() / 1000.0, "s");
        }
        check(ctx, "max-wal-age", "the newest WAL segment" + (state.newestWal() == null ? "" : " (" + state.newestWal()
                + ")") + " was archived", walAge, o.maxWalAge(), missed);
        if (!missed.isEmpty()) {
            throw new StepFailure("objectives missed: " + String.join("; ", missed));
        }
    }

    private static void check(StepContext ctx, String name, String what, Duration measured, Duration bound,
                              List<String> missed) {
        if (bound == null) {
            return;
        }
        String value = measured == null ? "unknown" : seconds(measured);
        boolean pass = measured != null && measured.compareTo(bound) <= 0;
        String line = (pass ? "pass: " : "fail: ") + value + (pass ? " <= " : measured == null ? ", bound " : " > ")
                + bound(bound);
        ctx.output("objective-" + name, line);
        ctx.evidence("objective " + name + " " + line + " (" + what + (name.equals("rto") ? " " + value
                : " " + value + " ago") + ")");
        if (!pass) {
            missed.add(name + " (" + what + " " + (measured == null ? "at an unknown time" : value
                    + (name.equals("rto") ? "" : " ago")) + ", allowed " + bound(bound) + ")");
        }
    }

    /** {@code 26h}, {@code 15m}, else the usual short form. */
    private static String bound(Duration d) {
        long s = d.toSeconds();
        if (d.toMillisPart() == 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (d.toMillisPart() == 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return Durations.format(d);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
