package dev.pgdrill.engine.postgres;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryLogTest {
    private static final List<String> LOG = List.of(
            "2026-11-26 12:00:00.001 UTC [10] LOG:  starting point-in-time recovery to 2026-11-26 11:59:00+00",
            "2026-11-26 12:00:00.002 UTC [11] FATAL:  the database system is starting up",
            "2026-11-26 12:00:00.003 UTC [10] LOG:  restored log file \"000000010000000000000003\" from archive",
            "2026-11-26 12:00:00.004 UTC [10] LOG:  consistent recovery state reached at 0/3000100",
            "2026-11-26 12:00:00.005 UTC [10] LOG:  redo done at 0/5000060",
            "2026-11-26 12:00:00.006 UTC [10] FATAL:  recovery ended before configured recovery target was reached",
            "2026-11-26 12:00:00.007 UTC [9] LOG:  startup process (PID 10) exited with exit code 1");

    @Test
    void picksTheServersOwnReasonOverClientNoise() {
        assertThat(RecoveryLog.fatal(LOG)).endsWith("FATAL:  recovery ended before configured recovery target was reached");
        assertThat(RecoveryLog.fatal(LOG.subList(0, 2))).endsWith("the database system is starting up");
        assertThat(RecoveryLog.fatal(List.of("LOG:  all fine"))).isNull();
    }

    @Test
    void keepsTheLinesThatTellWhatRecoveryDid() {
        assertThat(RecoveryLog.evidence(LOG)).hasSize(4)
                .noneMatch(l -> l.contains("restored log file") || l.contains("starting up"));
        assertThat(RecoveryLog.stoppedAtTarget(LOG)).isFalse();
        assertThat(RecoveryLog.stoppedAtTarget(List.of("LOG:  recovery stopping before commit of transaction 745")))
                .isTrue();
    }

    @Test
    void keepsTheHistoryFilesRecoveryFollowedButNotEverySegment() {
        List<String> lines = List.of("LOG:  restored log file \"00000002.history\" from archive",
                "LOG:  restored log file \"000000010000000000000003\" from archive");
        assertThat(RecoveryLog.evidence(lines)).containsExactly("LOG:  restored log file \"00000002.history\" from archive");
    }

    @Test
    void measuresBetweenTwoLinesByTheirTimestamps() {
        List<String> lines = List.of("2026-11-26 12:00:01.100 UTC [42] LOG:  received promote request",
                "2026-11-26 12:00:01.110 UTC [42] LOG:  redo done at 0/3000148",
                "2026-11-26 12:00:01.121 UTC [40] LOG:  database system is ready to accept connections");
        assertThat(RecoveryLog.between(lines, "received promote request", "ready to accept connections"))
                .contains(Duration.ofMillis(21));
        assertThat(RecoveryLog.between(List.of("LOG:  received promote request", "LOG:  database system is ready to "
                + "accept connections"), "received promote request", "ready to accept connections")).isEmpty();
        assertThat(RecoveryLog.between(lines.subList(0, 2), "received promote request", "ready to accept connections"))
                .isEmpty();
    }
}
