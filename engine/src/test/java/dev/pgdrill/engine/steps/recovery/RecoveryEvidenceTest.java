package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RecoveryTarget.Kind;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stopping line a targeted restore must show, and the target times the preflight reads. */
class RecoveryEvidenceTest {
    private static final List<String> TIME_LOG = List.of(
            "2026-11-26 12:00:01.100 UTC [42] LOG:  starting point-in-time recovery to 2026-11-26 12:00:00+00",
            "2026-11-26 12:00:01.300 UTC [42] LOG:  recovery stopping before commit of transaction 741, time 2026-11-26 12:00:00.5+00",
            "2026-11-26 12:00:01.310 UTC [42] LOG:  redo done at 0/3000148");

    @Test
    void findsThePostgresLineThatMatchesTheTargetKind() {
        assertThat(RecoveryStop.line(TIME_LOG, new RecoveryTarget(Kind.TIME, "x", true))).contains("before commit of transaction 741");
        assertThat(RecoveryStop.line(TIME_LOG, new RecoveryTarget(Kind.NAME, "rp", true))).isNull();
        assertThat(RecoveryStop.line(List.of("LOG:  recovery stopping at restore point \"rp\", time 2026-11-26 12:00:00+00"),
                new RecoveryTarget(Kind.NAME, "rp", true))).contains("restore point");
        assertThat(RecoveryStop.line(List.of("LOG:  recovery stopping after WAL location (LSN) \"0/3000148\""),
                new RecoveryTarget(Kind.LSN, "0/3000148", true))).contains("WAL location");
        assertThat(RecoveryStop.line(List.of("LOG:  recovery stopping after reaching consistency"),
                new RecoveryTarget(Kind.IMMEDIATE, null, true))).isNotNull();
        assertThat(RecoveryStop.line(List.of("LOG:  redo done at 0/3000148"), new RecoveryTarget(Kind.XID, "741", true))).isNull();
    }

    @Test
    void readsTargetTimesInTheFormsPostgresAccepts() {
        OffsetDateTime utc = OffsetDateTime.parse("2026-11-26T12:34:56.789012Z");
        assertThat(TargetTimes.parse("2026-11-26 12:34:56.789012+00")).isEqualTo(utc);
        assertThat(TargetTimes.parse("2026-11-26T12:34:56.789012Z")).isEqualTo(utc);
        assertThat(TargetTimes.parse("2026-11-26 14:34:56.789012+02:00").toInstant()).isEqualTo(utc.toInstant());
        assertThat(TargetTimes.parse("2026-11-26 18:04:56.789012+0530").toInstant()).isEqualTo(utc.toInstant());
        assertThat(TargetTimes.parse("2026-11-26 12:34:56.789012 UTC").toInstant()).isEqualTo(utc.toInstant());
        assertThat(TargetTimes.parse("2026-11-26 13:34:56.789012 Europe/Paris").toInstant()).isEqualTo(utc.toInstant());
        assertThat(TargetTimes.parse("2026-11-26 12:34")).isNull();
        assertThat(TargetTimes.parse("yesterday")).isNull();
    }
}
