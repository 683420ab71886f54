package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RecoveryTarget.Kind;
import dev.pgdrill.engine.step.RunState;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.testing.FakeEnvironment;
import dev.pgdrill.engine.testing.Specs;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks around a restore that need no server: preflight arithmetic and the stopping-line proof. */
class RestoreChecksTest {
    private final StepContext ctx = new StepContext(Specs.step("restore"), Map.of(), new FakeEnvironment(false),
            new RunState(), Instant.now().plusSeconds(5), (a, b) -> { });
    private final BackupInfo base = new BackupInfo("base", "primary", "0/2000028", "0/2000100",
            OffsetDateTime.parse("2026-11-26T12:00:00Z"), false, 1);

    @Test
    void aBackupEndingAfterTheTargetTimeIsRefused() {
        preflightRefuses(Kind.TIME, "2026-11-26 11:59:59+00")
                .hasMessageStartingWith("preflight: backup 'base' ended at 2026-11-26 12:00:00.000000+00, not before the "
                        + "target time 2026-11-26 11:59:59+00");
    }

    @Test
    void aTimeTargetAfterTheBackupIsLeftToTheArchiveCheckWhichNeedsARunningSource() {
        preflightPassesNoting(Kind.TIME, "2026-11-26 13:00:01+01:00").contains("archive reach for the target time not checked");
    }

    @Test
    void aBackupEndingAfterTheTargetLsnIsRefused() {
        preflightRefuses(Kind.LSN, "0/2000000")
                .hasMessageStartingWith("preflight: backup 'base' ends at WAL position 0/2000100, after the target LSN 0/2000000");
    }

    @Test
    void anLsnWhoseSegmentIsNotArchivedIsRefused() {
        preflightRefuses(Kind.LSN, "0/5000010")
                .hasMessageStartingWith("preflight: the WAL archive does not reach the target LSN 0/5000010: its segment "
                        + "000000010000000000000005 is not archived (newest archived segment: none)");
    }

    @Test
    void anLsnTargetAtTheTopOfTheRangeIsBeyondTheArchiveNotBeforeTheBackup() {
        preflightRefuses(Kind.LSN, "FFFFFFFF/FFFFFFFF")
                .hasMessageStartingWith("preflight: the WAL archive does not reach the target LSN FFFFFFFF/FFFFFFFF: its segment "
                        + "00000001FFFFFFFF000000FF is not archived");
    }

    @Test
    void nameAndXidTargetsAreLeftToPostgres() {
        preflightPassesNoting(Kind.NAME, "rp").contains("PostgreSQL's log will show where it stopped");
    }

    @Test
    void aTargetedRestoreWithoutTheStoppingLineFailsQuotingTheLastLogLines() {
        Node node = (Node) Proxy.newProxyInstance(Node.class.getClassLoader(), new Class<?>[] {Node.class},
                (proxy, method, args) -> method.getName().equals("name") ? "primary" : null);
        List<String> log = List.of("LOG:  starting point-in-time recovery to 2026-11-26 12:00:00+00",
                "LOG:  redo done at 0/3000148", "LOG:  database system is ready to accept connections");
        RecoveryTarget target = new RecoveryTarget(Kind.TIME, "2026-11-26 12:00:00+00", true);
        assertThatThrownBy(() -> RecoveryStop.check(ctx, node, target, log, "writable after 1.2s"))
                .hasMessage("node 'primary' is writable after 1.2s, but PostgreSQL never logged 'recovery stopping ...' for "
                        + "time 2026-11-26 12:00:00+00; last log lines:\n  LOG:  starting point-in-time recovery to "
                        + "2026-11-26 12:00:00+00\n  LOG:  redo done at 0/3000148\n  LOG:  database system is ready to accept connections");
        RecoveryStop.check(ctx, node, target, List.of("LOG:  recovery stopping before commit of transaction 9, time x"), "writable");
        assertThat(ctx.evidence()).containsExactly("stopped at the target: LOG:  recovery stopping before commit of transaction 9, time x");
    }

    /** Runs the preflight of a restore of {@code base} to an inclusive target; it must fail the step. */
    private AbstractThrowableAssert<?, ? extends Throwable> preflightRefuses(Kind kind, String value) {
        return assertThatThrownBy(() -> RestorePreflight.check(ctx, base, new RecoveryTarget(kind, value, true)))
                .isInstanceOf(StepFailure.class);
    }

    /** Runs the preflight of a restore of {@code base} to an inclusive target; it must pass with one note. */
    private AbstractStringAssert<?> preflightPassesNoting(Kind kind, String value) {
        RestorePreflight.check(ctx, base, new RecoveryTarget(kind, value, true));
        assertThat(ctx.evidence()).hasSize(2).first().asString().startsWith("preflight: recovering along timeline 1");
        return assertThat(ctx.evidence().get(1));
    }
}
