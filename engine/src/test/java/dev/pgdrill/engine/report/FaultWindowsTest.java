package dev.pgdrill.engine.report;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.run.StepStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FaultWindowsTest {
    private static final String T0 = "2024-05-01T10:00:00Z";

    private static StepReport step(int n, String type, Map<String, Object> params, long startMs, long ms, String status) {
        String start = java.time.Instant.parse(T0).plusMillis(startMs).toString();
        return new StepReport("steps", n, null, type + " " + n, type, null, StepStatus.valueOf(status), start, ms, params, Map.of(),
                List.of(), List.of(), List.of(), null, List.of());
    }

    private static DrillReport drill(long durationMs, StepReport... steps) {
        return new DrillReport("d", "", null, "d.html", "local", null, StepStatus.PASSED, T0, durationMs, null, ExitCode.OK,
                List.of(steps), List.of());
    }

    @Test
    void pauseWindowEndsWhenTheSameNodeResumes() {
        var w = FaultWindows.of(drill(10_000,
                step(1, "pause", Map.of("node", "replica"), 1_000, 100, "PASSED"),
                step(2, "sql", Map.of("on", "primary"), 1_200, 300, "PASSED"),
                step(3, "resume", Map.of("node", "replica"), 2_000, 200, "PASSED")));
        assertThat(w).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo("pause");
            assertThat(x.target()).isEqualTo("replica");
            assertThat(x.startMs()).isEqualTo(1_000);
            assertThat(x.endMs()).isEqualTo(2_200);
            assertThat(x.closed()).isEqualTo("#3 resume 3");
        });
    }

    @Test
    void latencyZeroClosesLatencyAndUnclosedFaultsRunToTheDrillEnd() {
        var w = FaultWindows.of(drill(9_000,
                step(1, "latency", Map.of("link", "replica", "delay", "200ms"), 0, 50, "PASSED"),
                step(2, "kill", Map.of("node", "primary"), 500, 50, "PASSED"),
                step(3, "latency", Map.of("link", "replica", "delay", "0ms"), 1_000, 50, "PASSED")));
        assertThat(w).hasSize(2);
        assertThat(w.get(0).kind()).isEqualTo("latency");
        assertThat(w.get(0).endMs()).isEqualTo(1_050);
        assertThat(w.get(1).kind()).isEqualTo("kill");
        assertThat(w.get(1).endMs()).isEqualTo(9_000);
        assertThat(w.get(1).closed()).isNull();
    }

    @Test
    void restoreClosesAWipeAndSkippedStepsAreIgnored() {
        var w = FaultWindows.of(drill(5_000,
                step(1, "wipe", Map.of("node", "primary"), 100, 50, "PASSED"),
                step(2, "restore", Map.of("node", "primary"), 200, 1_000, "PASSED"),
                step(3, "stop", Map.of("node", "replica"), 1_300, 10, "SKIPPED")));
        assertThat(w).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo("wipe");
            assertThat(x.endMs()).isEqualTo(1_200);
        });
    }
}
