package dev.pgdrill.engine.report;

import dev.pgdrill.engine.model.Sample;
import dev.pgdrill.engine.run.StepResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleListenerTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainModePrintsAStepLinePerStepAndASummaryWithoutAnsi() {
        ConsoleListener l = new ConsoleListener(out, false, Path.of("target/report/index.html"), clock::get);
        ReportFixtures.drive(l, ReportFixtures.run());
        String t = text();
        assertThat(t).doesNotContain("\u001B").doesNotContain("\r");
        assertThat(t).contains("== drill pitr  (environment: local)");
        assertThat(t).containsPattern("(?m)^  PASS  capture-target before +410ms$");
        assertThat(t).containsPattern("(?m)^  FAIL  Johnson is back .*230ms$");
        assertThat(t).containsPattern("(?m)^  SKIP  nothing else changed +skipped$");
        assertThat(t).containsPattern("(?m)^  ABORT rebuild a replica +700ms$");
        assertThat(t).contains("      expected 1 row(s), found 0 on node 'primary'");
        assertThat(t).contains("      server log tail:\n        2024-05-01 10:01:08.120 UTC [811] LOG:");
        assertThat(t).contains("  → FAILED pitr in 4.9s: step 'Johnson is back'");
        assertThat(t).contains("Drills: 1 of 4 passed (1 failed, 2 aborted) in 3m10s");
        assertThat(t).containsPattern("Report: /.*target/report/index\\.html");
        assertThat(t).contains("Exit code: 130 (interrupted by SIGINT)");
        assertThat(t).doesNotContain(ReportFixtures.SECRET);
    }

    @Test
    void plainModeReportsAWaitAtMostEveryFiveSeconds() {
        ConsoleListener l = new ConsoleListener(out, false, null, clock::get);
        var drill = ReportFixtures.lagDrill();
        StepResult wait = drill.steps().get(5);
        l.stepStarted(drill.scenario(), wait.spec());
        for (int i = 1; i <= 120; i++) {
            clock.addAndGet(100);
            l.stepProgress(drill.scenario(), wait.spec(), "lag <= 0 bytes on replica", (12_000 - i * 100) + " bytes");
        }
        String t = text();
        assertThat(t.lines().filter(s -> s.contains("waiting for")).toList()).containsExactly(
                "        … lag returns to zero: waiting for lag <= 0 bytes on replica, now 7000 bytes (5.0s)",
                "        … lag returns to zero: waiting for lag <= 0 bytes on replica, now 2000 bytes (10.0s)");
    }

    @Test
    void colourModeRewritesOneLiveLineAndClearsItBeforeTheVerdict() {
        ConsoleListener l = new ConsoleListener(out, true, null, clock::get);
        var drill = ReportFixtures.lagDrill();
        StepResult wait = drill.steps().get(5);
        l.stepStarted(drill.scenario(), wait.spec());
        for (Sample s : wait.samples()) {
            clock.addAndGet(200);
            l.stepProgress(drill.scenario(), wait.spec(), "lag <= 0 bytes on replica", (long) s.value() + " bytes");
        }
        l.stepFinished(drill.scenario(), wait);
        String t = text();
        assertThat(t).contains("\r\u001B[2K").contains("waiting for lag <= 0 bytes on replica: 16384 bytes (400ms)");
        assertThat(t).contains("\u001B[32m✔\u001B[0m lag returns to zero");
        assertThat(t.chars().filter(c -> c == '\n').count()).as("one finished line, progress only rewrote it").isEqualTo(1);
    }

    @Test
    void masksPasswordsInEveryLine() {
        ConsoleListener l = new ConsoleListener(out, false, null, clock::get);
        var drill = ReportFixtures.pitrDrill();
        l.stepProgress(drill.scenario(), drill.steps().get(1).spec(), "connection with password=abc", "no");
        clock.addAndGet(6_000);
        l.stepProgress(drill.scenario(), drill.steps().get(1).spec(), "connection with password=abc", "no");
        l.stepFinished(drill.scenario(), drill.steps().get(3));
        assertThat(text()).doesNotContain("abc").doesNotContain(ReportFixtures.SECRET).contains("password=********");
    }
}
