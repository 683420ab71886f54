package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the pgBackRest provider speaks to pgBackRest: every target kind becomes {@code restore --type=...}
 * with the backup set always named, and pgBackRest's errors become their code and message.
 */
class PgBackRestArgsTest {
    private static final String CMD = "pgbackrest archive-get %f \"%p\"";

    private static List<String> args(RecoveryTarget target, RestoreAction action) {
        return PgBackRestProvider.restoreArgs("/w/primary", "20261202-004443F", target, action, CMD);
    }

    @Test
    void everyTargetKindMapsToARestoreTypeWithTheSetNamed() {
        assertThat(args(RecoveryTarget.latest(), null)).containsExactly("--pg1-path=/w/primary",
                "--set=20261202-004443F", "--type=default", "--target-timeline=latest",
                "--recovery-option=restore_command=" + CMD, "restore");
        assertThat(args(new RecoveryTarget(RecoveryTarget.Kind.IMMEDIATE, null, true), RestoreAction.PROMOTE))
                .containsExactly("--pg1-path=/w/primary", "--set=20261202-004443F", "--type=immediate",
                        "--target-action=promote", "--recovery-option=restore_command=" + CMD, "restore");
        assertThat(args(new RecoveryTarget(RecoveryTarget.Kind.TIME, "2026-12-02T00:44:49.5723745+00:00", false),
                RestoreAction.PAUSE)).containsSubsequence("--set=20261202-004443F", "--type=time",
                "--target=2026-12-02 00:44:49.572374+00:00", "--target-exclusive", "--target-action=pause",
                "--target-timeline=latest");
        assertThat(args(new RecoveryTarget(RecoveryTarget.Kind.TIME, "2026-12-02 00:44:49+00", true, "current"),
                RestoreAction.PAUSE)).contains("--target-timeline=current");
        assertThat(args(new RecoveryTarget(RecoveryTarget.Kind.LSN, "0/3000148", true, "2"), null))
                .contains("--target-timeline=2");
        assertThat(args(new RecoveryTarget(RecoveryTarget.Kind.NAME, "before", true), RestoreAction.PROMOTE))
                .containsSubsequence("--type=name", "--target=before", "--target-action=promote")
                .doesNotContain("--target-exclusive");
        assertThat(args(new RecoveryTarget(RecoveryTarget.Kind.LSN, "0/3000148", true), RestoreAction.PROMOTE))
                .containsSubsequence("--type=lsn", "--target=0/3000148").doesNotContain("--target-exclusive");
        assertThat(args(new RecoveryTarget(RecoveryTarget.Kind.XID, "731", false), RestoreAction.SHUTDOWN))
                .containsSubsequence("--type=xid", "--target=731", "--target-exclusive", "--target-action=shutdown");
    }

    @Test
    void anErrorIsShownWithItsCodeAndMessage() {
        ExecResult failed = new ExecResult(75, "2026-12-02 00:38:04.507 P00   INFO: restore command begin 2.45: ...\n",
                "ERROR: [075]: backup set nonexistent is not valid\n");
        assertThat(PgBackRestProvider.error(failed)).isEqualTo("pgBackRest error 75: backup set nonexistent is not valid");
        ExecResult other = new ExecResult(1, "", "sh: 1: pgbackrest: not found\n");
        assertThat(PgBackRestProvider.error(other)).isEqualTo("exit 1: sh: 1: pgbackrest: not found");
    }

    @Test
    void evidenceKeepsInfoLinesWithoutOptionListsOrRoutineArchiveGets() {
        String log = String.join("\n",
                "-------------------PROCESS START-------------------",
                "2026-12-02 00:44:56.1 P00   INFO: archive-get command begin 2.45: [000000010000000000000003] --config=x",
                "2026-12-02 00:44:56.2 P00   INFO: found 000000010000000000000003 in the repo1: 15-1 archive",
                "2026-12-02 00:44:56.3 P00   INFO: archive-get command end: completed successfully (100ms)",
                "2026-12-02 00:44:56.4 P00   WARN: a warning");
        assertThat(PgBackRestProvider.lines(log)).containsExactly(
                "INFO: found 000000010000000000000003 in the repo1: 15-1 archive", "WARN: a warning");
        assertThat(PgBackRestProvider.lastMissOnly(List.of("unable to find a", "found b", "unable to find c")))
                .containsExactly("found b", "unable to find c");
    }
}
