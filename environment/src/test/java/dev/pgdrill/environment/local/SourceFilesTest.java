package dev.pgdrill.environment.local;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** What a source's files say: backup times as PostgreSQL writes them, pgBackRest's archive file names, the sandbox. */
class SourceFilesTest {
    private static final String HISTORY = """
            START WAL LOCATION: 0/3000028 (file 000000010000000000000003)
            STOP WAL LOCATION: 0/3000100 (file 000000010000000000000003)
            CHECKPOINT LOCATION: 0/3000060
            BACKUP METHOD: streamed
            BACKUP FROM: primary
            START TIME: 2026-12-07 12:58:27 UTC
            LABEL: nightly-plain
            START TIMELINE: 1
            STOP TIME: 2026-12-07 12:58:28 CET
            STOP TIMELINE: 1
            """;

    @Test
    void readsBackupTimesWithTheirZone() {
        assertThat(BaseBackupSource.time(BaseBackupSource.START_TIME, HISTORY))
                .isEqualTo(OffsetDateTime.parse("2026-12-07T12:58:27Z"));
        assertThat(BaseBackupSource.time(BaseBackupSource.STOP_TIME, HISTORY))
                .isEqualTo(OffsetDateTime.parse("2026-12-07T12:58:28+01:00"));
        assertThat(BaseBackupSource.time(BaseBackupSource.STOP_TIME, "STOP TIME: 2026-12-07 12:58:28 +05:30"))
                .isEqualTo(OffsetDateTime.parse("2026-12-07T12:58:28+05:30"));
        assertThat(BaseBackupSource.time(BaseBackupSource.STOP_TIME, "STOP TIME: 2026-12-07 12:58:28 Europe/Berlin"))
                .isEqualTo(OffsetDateTime.parse("2026-12-07T12:58:28+01:00"));
        assertThat(BaseBackupSource.time(BaseBackupSource.STOP_TIME, "STOP TIME: 2026-12-07 12:58:28 BST"))
                .as("an abbreviation of several zones gives no time rather than a wrong one").isNull();
    }

    @Test
    void namesPgBackRestArchiveFilesByTheirSegment() {
        assertThat(PgBackRestSource.segmentOf("15-1/0000000100000000/000000010000000000000005-"
                + "9b0d54362875c13d9a33672d8a584b987cd3c7be.gz")).isEqualTo("000000010000000000000005");
        assertThat(PgBackRestSource.segmentOf("15-1/00000002.history")).isEqualTo("00000002.history");
        assertThat(PgBackRestSource.segmentOf("15-1/0000000100000000/000000010000000000000002.00000028.backup"))
                .isEqualTo("000000010000000000000002.00000028.backup");
    }

    @Test
    void theSandboxTrustsOnlyItsSocketAndNoTcp() {
        assertThat(SourceSandbox.hba()).contains("local   all   all   trust")
                .doesNotContain("host").doesNotContain("replication");
    }
}
