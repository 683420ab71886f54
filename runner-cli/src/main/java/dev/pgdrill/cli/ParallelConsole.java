package dev.pgdrill.cli;

import dev.pgdrill.engine.report.ConsoleListener;
import dev.pgdrill.engine.report.Printable;
import dev.pgdrill.engine.report.ReportFilesListener;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.ForwardingListener;
import dev.pgdrill.engine.scenario.Scenario;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Console progress for {@code --parallel N > 1}: every drill gets its own plain-text console whose
 * lines are prefixed with {@code [drill name]}, written whole, so lines of concurrent drills never
 * mix; the run header and the final summary come from one ordinary console. No live indicator
 * (a rewritten status line cannot be shared by several drills). Thread-safe.
 */
final class ParallelConsole extends ForwardingListener {
    private final PrintStream out;
    private final ConsoleListener run;
    private final Map<Scenario, ConsoleListener> drills = new IdentityHashMap<>();

    ParallelConsole(PrintStream out, boolean color, ReportFilesListener files) {
        this.out = out;
        this.run = ConsoleListener.reporting(out, color, files);
    }

    private synchronized ConsoleListener of(Scenario s) {
        return drills.computeIfAbsent(s, k -> ConsoleListener.reporting(
                new PrintStream(new PrefixedLines(out, "[" + Printable.line(k.secrets().mask(k.title())) + "] "), true, StandardCharsets.UTF_8), false, null));
    }

    /** Run events go to the run's console, drill events to the drill's own. */
    @Override
    protected void forward(Scenario scenario, Consumer<DrillListener> event) {
        event.accept(scenario == null ? run : of(scenario));
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
