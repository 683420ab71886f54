package dev.pgdrill.engine.report;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.run.TrialSetResult;
import dev.pgdrill.engine.scenario.Scenario;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Live console progress: a header per drill, a line per step with its verdict and time, the
 * message and server log tail of a failure, a live "waiting for" indicator, and a final summary
 * with the report path. With {@code color} (a terminal) it uses ANSI colours and rewrites one
 * status line with {@code \r} while a step waits; without (CI logs) it prints plain text and a
 * waiting step at most once every {@value #PLAIN_PROGRESS_MS} ms. Every text that comes from the
 * scenario, the command line, a server or a query is masked ({@link Scenario#secrets()}) and has
 * its control characters escaped ({@link Printable}) before our own colour codes are added.
 */
public final class ConsoleListener implements DrillListener {
    static final long PLAIN_PROGRESS_MS = 5_000;
    private static final long LIVE_REFRESH_MS = 100;
    private static final int LABEL_WIDTH = 44;
    private static final int LIVE_WIDTH = 110;
    private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

    private final PrintStream out;
    private final Ansi ansi;
    private final Path reportIndex;
    private final ReportFilesListener files;
    private final LongSupplier clock;
    private boolean liveLine;
    private long stepStart;
    private long lastProgress;
    private int spin;

    /**
     * @param files the writer of the report files (must come before this listener), or null: the
     *              summary names its index, or says why it could not be written
     */
    public static ConsoleListener reporting(PrintStream out, boolean color, ReportFilesListener files) {
        return new ConsoleListener(out, color, files == null ? null : files.index(), files, System::currentTimeMillis);
    }

    /** @param reportIndex the index.html the summary points to, or null when no report is written */
    ConsoleListener(PrintStream out, boolean color, Path reportIndex, LongSupplier clock) {
        this(out, color, reportIndex, null, clock);
    }

    private ConsoleListener(PrintStream out, boolean color, Path reportIndex, ReportFilesListener files,
                            LongSupplier clock) {
        this.out = out;
        this.ansi = new Ansi(color);
        this.reportIndex = reportIndex;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public synchronized void runStarted(List<Scenario> scenarios) {
        line(ansi.bold("pgdrill: " + scenarios.size() + (scenarios.size() == 1 ? " drill" : " drills") + " to run"));
    }

    @Override
    public synchronized void drillStarted(Scenario scenario, String environment) {
        line("");
        String name = one(scenario, scenario.title());
        String head = ansi.on() ? ansi.cyan("▶ ") + ansi.bold(name) : "== drill " + name;
        BackupTool tool = scenario.environmentSpec().backupTool();
        line(head + ansi.dim("  (environment: " + one(scenario, environment)
                + (tool.isDefault() ? "" : ", backup tool: " + tool)
                + (!scenario.environmentSpec().versionStated() ? ""
                : ", PostgreSQL " + scenario.environmentSpec().major()) + ")"));
        if (scenario.description() != null && !scenario.description().isBlank()) {
            for (String l : many(scenario, scenario.description().strip()).split("\n")) {
                line("  " + ansi.dim(l));
            }
        }
    }

    @Override
    public synchronized void environmentReady(Scenario scenario, String location) {
        line("  " + ansi.dim("environment ready: " + one(scenario, location)));
    }

    @Override
    public synchronized void serverVersions(Scenario scenario, String versions) {
        line("  " + ansi.dim("PostgreSQL: " + one(scenario, versions)));
    }

    @Override
    public synchronized void stepStarted(Scenario scenario, StepSpec step) {
        stepStart = clock.getAsLong();
        lastProgress = stepStart;
        if (ansi.on()) {
            live("  " + ansi.dim("… " + label(scenario, step)));
        }
    }

    @Override
    public synchronized void stepProgress(Scenario scenario, StepSpec step, String awaiting, String current) {
        long now = clock.getAsLong();
        String elapsed = Fmt.duration(now - stepStart);
        if (ansi.on()) {
            if (now - lastProgress < LIVE_REFRESH_MS && liveLine) {
                return;
            }
            lastProgress = now;
            String text = label(scenario, step) + " — waiting for " + one(scenario, awaiting) + ": "
                    + one(scenario, current) + " (" + elapsed + ")";
            live("  " + ansi.cyan(SPINNER[spin++ % SPINNER.length]) + " " + truncate(text, LIVE_WIDTH));
        } else if (now - lastProgress >= PLAIN_PROGRESS_MS) {
            lastProgress = now;
            line("        … " + label(scenario, step) + ": waiting for " + one(scenario, awaiting) + ", now "
                    + one(scenario, current) + " (" + elapsed + ")");
        }
    }

    @Override
    public synchronized void stepFinished(Scenario scenario, StepResult r) {
        String dur = r.status() == StepStatus.SKIPPED ? "skipped" : Fmt.duration(r.duration().toMillis());
        String label = pad(label(scenario, r.spec()), LABEL_WIDTH);
        line("  " + ansi.verdict(r.status()) + " " + (r.status() == StepStatus.SKIPPED ? ansi.dim(label) : label)
                + " " + ansi.dim(pad(dur, 7, true)));
        if (r.status() == StepStatus.FAILED || r.status() == StepStatus.ABORTED) {
            if (r.message() != null) {
                for (String l : many(scenario, r.message()).split("\n")) {
                    line("      " + ansi.status(r.status(), l));
                }
            }
            if (!r.logTail().isEmpty()) {
                line("      " + ansi.dim("server log tail:"));
                r.logTail().forEach(l -> line("        " + ansi.dim(one(scenario, l))));
            }
        }
    }

    @Override
    public synchronized void drillFinished(DrillResult d) {
        String verdict = ansi.status(d.status(), ansi.bold(d.status().name()));
        String why = d.message() == null ? "" : ": " + one(d.scenario(), d.message());
        line("  → " + verdict + " " + one(d.scenario(), d.scenario().name()) + " in " + Fmt.duration(d.duration().toMillis()) + why);
    }

    @Override
    public synchronized void runFinished(RunResult run) {
        long passed = run.drills().stream().filter(DrillResult::passed).count();
        long failed = run.drills().stream().filter(d -> d.status() == StepStatus.FAILED).count();
        long aborted = run.drills().stream().filter(d -> d.status() == StepStatus.ABORTED).count();
        long notRun = run.drills().stream().filter(d -> d.status() == StepStatus.SKIPPED).count();
        line("");
        line(ansi.bold("Summary"));
        int width = run.drills().stream().mapToInt(d -> one(d.scenario(), d.scenario().title()).length()).max().orElse(0);
        for (DrillResult d : run.drills()) {
            line("  " + ansi.verdict(d.status()) + " " + pad(one(d.scenario(), d.scenario().title()), width) + "  "
                    + ansi.status(d.status(), pad(d.status().name(), 7)) + " "
                    + pad(Fmt.duration(d.duration().toMillis()), 7, true));
            objectives(d);
        }
        for (TrialSetResult set : run.sets()) {
            trialSet(ReportModel.set(set));
        }
        StepStatus overall = passed == run.drills().size() ? StepStatus.PASSED
                : failed > 0 ? StepStatus.FAILED : StepStatus.ABORTED;
        line(ansi.status(overall, ansi.bold("Drills: " + passed + " of " + run.drills().size() + " passed"))
                + " (" + failed + " failed, " + aborted + " aborted" + (notRun > 0 ? ", " + notRun + " not run" : "")
                + ") in " + Fmt.duration(run.duration().toMillis()));
        String notWritten = files == null ? null : files.failure();
        if (notWritten != null) {
            line(ansi.status(StepStatus.FAILED, "Report: not written: " + Printable.line(notWritten)));
        } else if (reportIndex != null) {
            line("Report: " + Printable.line(reportIndex.toAbsolutePath().normalize().toString()));
        }
        line("Exit code: " + (files == null ? run.exitCode() : files.exitCode(run.exitCode())));
    }

    /** A drill's trials as a set: the verdict, then min / median / p95 / max of what the trials measured. */
    private void trialSet(TrialSetReport set) {
        line(ansi.status(set.status(), ansi.bold("Trials of " + Printable.line(set.name()) + ": "
                + (set.status() == StepStatus.PASSED ? "PASSED" : "FAILED"))) + " " + Printable.line(set.message())
                + " (seed " + set.seed() + ")");
        trialRow("lost writes", set.values(TrialSetReport.Point::lost), set.trials());
        trialRow("ghost writes", set.values(TrialSetReport.Point::ghost), set.trials());
        trialRow("rto seconds", set.values(TrialSetReport.Point::seconds), set.trials());
        for (TrialSetReport.Bound b : set.bounds()) {
            line("    " + (b.holds() ? "ok   " : "FAIL ") + b.text() + ": " + (b.value() == null ? "not measured"
                    : b.key() + " = " + Fmt.number(b.value())));
        }
    }

    private void trialRow(String what, List<Double> values, int trials) {
        if (values.isEmpty()) {
            return;
        }
        List<Double> s = TrialSetReport.summary(values);
        line("    " + pad(what, 12) + "  min " + Fmt.number(s.get(0)) + "  median " + Fmt.number(s.get(1)) + "  p95 "
                + Fmt.number(s.get(2)) + "  max " + Fmt.number(s.get(3)) + "  (" + values.size() + " of " + trials
                + " trials)");
    }

    /** One line per step that measured RPO or RTO (measurements named rpo* / rto*, as the HTML cards). */
    private void objectives(DrillResult d) {
        for (StepResult s : Stream.concat(d.steps().stream(), d.finallySteps().stream()).toList()) {
            List<Measurement> found = s.measurements().stream().filter(m -> DrillPage.objective(m) != null).toList();
            if (!found.isEmpty()) {
                String kind = DrillPage.objective(found.get(0));
                List<String> figures = found.stream().map(m -> one(d.scenario(), m.name()) + " " + Fmt.measurement(m)).toList();
                line("      " + ansi.bold(kind) + " " + String.join(", ", figures)
                        + ansi.dim("  (" + label(d.scenario(), s.spec()) + ")"));
            }
        }
    }

    private static String label(Scenario scenario, StepSpec s) {
        return ("finally".equals(s.block()) ? "finally: " : "") + one(scenario, s.label());
    }

    /** A value shown within one line: masked, every control character (newlines too) escaped. */
    private static String one(Scenario scenario, String text) {
        return Printable.line(scenario.secrets().mask(text));
    }

    /** A text whose newlines are meant: masked, other control characters escaped. */
    private static String many(Scenario scenario, String text) {
        return Printable.text(scenario.secrets().mask(text));
    }

    private void live(String text) {
        out.print(Ansi.CLEAR_LINE + text);
        out.flush();
        liveLine = true;
    }

    private void line(String text) {
        if (liveLine) {
            out.print(Ansi.CLEAR_LINE);
            liveLine = false;
        }
        out.println(text);
        out.flush();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String pad(String s, int width) {
        return pad(s, width, false);
    }

    private static String pad(String s, int width, boolean left) {
        if (s.length() >= width) {
            return s;
        }
        String fill = " ".repeat(width - s.length());
        return left ? fill + s : s + fill;
    }
}
