package dev.pgdrill.engine.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The console summary shows the RPO and RTO a drill measured, under the drill's line. */
class ConsoleObjectivesTest {
    @Test
    void summaryListsRpoAndRtoMeasurementsWithTheirSteps() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleListener l = ConsoleListener.reporting(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, null);
        ReportFixtures.drive(l, ReportFixtures.run());
        String summary = bytes.toString(StandardCharsets.UTF_8);
        summary = summary.substring(summary.indexOf("\nSummary"));
        assertThat(summary).containsPattern("(?m)^  ABORT failover-data-loss .*\\n      RTO rto_seconds 2\\.4 s  \\(promote the replica\\)\\n"
                + "      RPO rpo_transactions 1 transaction  \\(Charlie is lost\\)$");
        assertThat(summary.lines().filter(s -> s.contains("RPO") || s.contains("RTO"))).hasSize(2);
    }
}
