package dev.pgdrill.cli;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.report.ConsoleListener;
import dev.pgdrill.engine.report.Printable;
import dev.pgdrill.engine.report.ReportFilesListener;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.scenario.Scenario;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Console progress for {@code --parallel N > 1}: every drill gets its own plain-text console whose
 * lines are prefixed with {@code [drill name]}, written whole, so lines of concurrent drills never
 * mix; the run header and the final summary come from one ordinary console. No live indicator
 * (a rewritten status line cannot be shared by several drills). Thread-safe.
 */
final class ParallelConsole implements DrillListener {
    private final PrintStream out;
    private final ConsoleListener run;
    private final Map<Scenario, ConsoleListener> drills = new IdentityHashMap<>();

    ParallelConsole(PrintStream out, boolean color, ReportFilesListener files) {
        this.out = out;
        this.run = ConsoleListener.reporting(out, color, files);
    }

    private synchronized ConsoleListener of(Scenario s) {
        return drills.computeIfAbsent(s, k -> new ConsoleListener(
                new PrintStream(new PrefixedLines(out, "[" + Printable.line(k.secrets().mask(k.name())) + "] "), true, StandardCharsets.UTF_8), false, null));
    }

    @Override
    public void runStarted(List<Scenario> scenarios) {
        run.runStarted(scenarios);
    }

    @Override
    public void drillStarted(Scenario scenario, String environment) {
        of(scenario).drillStarted(scenario, environment);
    }

    @Override
    public void environmentReady(Scenario scenario, String location) {
        of(scenario).environmentReady(scenario, location);
    }

    @Override
    public void stepStarted(Scenario scenario, StepSpec step) {
        of(scenario).stepStarted(scenario, step);
    }

    @Override
    public void stepProgress(Scenario scenario, StepSpec step, String awaiting, String current) {
        of(scenario).stepProgress(scenario, step, awaiting, current);
    }

    @Override
    public void stepFinished(Scenario scenario, StepResult result) {
        of(scenario).stepFinished(scenario, result);
    }

    @Override
    public void drillFinished(DrillResult result) {
        of(result.scenario()).drillFinished(result);
    }

    @Override
    public void runFinished(RunResult result) {
        run.runFinished(result);
    }

    /** Buffers bytes up to a newline, then writes prefix + line to the shared stream in one call; blank lines are dropped. */
    static final class PrefixedLines extends OutputStream {
        private final PrintStream target;
        private final String prefix;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        PrefixedLines(PrintStream target, String prefix) {
            this.target = target;
            this.prefix = prefix;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (!text.isBlank()) {
                    synchronized (target) {
                        target.println(prefix + text);
                        target.flush();
                    }
                }
            } else if (b != '\r') {
                line.write(b);
            }
        }
    }
}
