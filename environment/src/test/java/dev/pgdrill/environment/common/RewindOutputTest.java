package dev.pgdrill.environment.common;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RewindOutputTest {
    /** pg_rewind --progress as PostgreSQL 15 writes it: progress reports end in a carriage return, the last in a newline. */
    private static final String STDERR = "pg_rewind: servers diverged at WAL location 0/D00CA8 on timeline 1\n"
            + "pg_rewind: need to copy 13 MB (total source directory size is 39 MB)\n"
            + "    0/14211 kB (0%) copied\r 8192/14211 kB (57%) copied\r14211/14211 kB (100%) copied\n"
            + "pg_rewind: Done!\n";

    @Test
    void copiedBytesAreTheLastProgressReportsKilobytes() {
        assertThat(RewindOutput.bytes(RewindOutput.lines("", STDERR))).isEqualTo(14211L * 1024);
    }

    @Test
    void withoutAProgressReportTheBytesAreUnknown() {
        assertThat(RewindOutput.bytes(RewindOutput.lines("pg_rewind: no rewind required\n"))).isEqualTo(-1);
    }

    @Test
    void theEvidenceKeepsEveryLineButTheIntermediateProgressReports() {
        assertThat(RewindOutput.evidence(RewindOutput.lines("", STDERR))).isEqualTo(List.of(
                "pg_rewind: servers diverged at WAL location 0/D00CA8 on timeline 1",
                "pg_rewind: need to copy 13 MB (total source directory size is 39 MB)",
                "14211/14211 kB (100%) copied",
                "pg_rewind: Done!"));
    }
}
