package dev.pgdrill.engine.report;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.run.StepStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a drill was interrupted is a fact (its exit code), never guessed from what a message says. */
class InterruptionTest {
    static final String T0 = "2024-05-01T10:00:00Z";

    private static RunReport run(String message, ExitCode exit) {
        StepReport step = new StepReport("steps", 1, null, "verify", "verify", null, StepStatus.FAILED, T0, 5, Map.of(),
                Map.of(), List.of(), List.of(), List.of(), message, List.of());
        DrillReport d = new DrillReport("d", "", null, "d.html", "local", null, StepStatus.FAILED, T0, 5, message, exit,
                List.of(step), List.of());
        return new RunReport(RunReport.FORMAT, T0, 5, exit, true, "local", List.of(d));
    }

    @Test
    void aFailureWhoseMessageSaysInterruptedIsNotAnInterruption() {
        RunReport run = run("ERROR: query interrupted by the server: connection lost", ExitCode.DRILL_FAILED);
        assertThat(run.exitCode().interrupted()).isFalse();
        assertThat(run.drills().get(0).interrupted()).isFalse();
        assertThat(DrillPage.verdict(run.drills().get(0))).isEqualTo("FAILED");
        assertThat(IndexPage.render(run, List.of("d.html"))).doesNotContain("This run was interrupted");
    }

    @Test
    void aDrillStoppedBySigtermIsInterruptedWhateverItsMessage() {
        RunReport run = run("stopped", ExitCode.TERMINATED);
        assertThat(run.exitCode().interrupted()).isTrue();
        assertThat(DrillPage.verdict(run.drills().get(0))).isEqualTo("FAILED · interrupted");
        assertThat(IndexPage.render(run, List.of("d.html"))).contains("This run was interrupted",
                "143 (interrupted by SIGTERM)");
    }
}
