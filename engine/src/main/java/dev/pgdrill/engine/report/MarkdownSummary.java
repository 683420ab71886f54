package dev.pgdrill.engine.report;

import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.run.StepStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * A run as GitHub-flavoured Markdown, for a CI job's summary ({@code $GITHUB_STEP_SUMMARY}, or any
 * file): the verdict, then one table row per drill with its verdict, RPO and RTO, duration, and
 * the failing step (with its {@code file:line:column}) and why. Every text from a scenario, a
 * server or a journal is shown as text, never as Markdown or HTML: control characters escaped
 * (see {@link Printable}), every ASCII punctuation character backslash-escaped (so {@code |} cannot
 * end a cell and {@code <}, {@code [}, {@code *} do nothing), and long text cut. Secrets are
 * already masked in the report model.
 */
public final class MarkdownSummary {
    /** The longest text shown in a cell, in characters. */
    static final int MAX_CELL = 300;

    private MarkdownSummary() {
    }

    public static String render(RunReport run) {
        long passed = run.count(StepStatus.PASSED);
        StringBuilder b = new StringBuilder();
        b.append("### pgdrill: ").append(passed).append(" of ").append(run.drills().size()).append(" drill")
                .append(run.drills().size() == 1 ? "" : "s").append(" passed\n\n");
        if (run.environment() != null) {
            b.append("Environment: ").append(cell(IndexPage.environment(run))).append(" · ");
        }
        b.append("exit code ").append(cell(run.exitCode().toString()))
                .append(run.complete() ? "" : " · the run did not finish").append("\n\n");
        if (run.drills().isEmpty()) {
            return b.append("No drill ran.\n").toString();
        }
        b.append("| Drill | Verdict | RPO | RTO | Duration | Failing step | Why |\n");
        b.append("|---|---|---|---|---:|---|---|\n");
        for (DrillReport d : run.drills()) {
            StepReport s = d.failedStep();
            String why = s != null && s.message() != null ? s.message() : d.message();
            b.append("| ").append(cell(d.name()))
                    .append(" | ").append(d.status() == StepStatus.PASSED ? "✅ " : "❌ ").append(cell(DrillPage.verdict(d)))
                    .append(" | ").append(objective(d, "RPO"))
                    .append(" | ").append(objective(d, "RTO"))
                    .append(" | ").append(cell(Fmt.duration(d.durationMs())))
                    .append(" | ").append(s == null ? "" : cell(s.title()) + (s.location() == null ? ""
                            : " at `" + code(s.location()) + "`"))
                    .append(" | ").append(why == null ? "" : cell(why))
                    .append(" |\n");
        }
        return b.toString();
    }

    /** The drill's measurements of one objective ({@code RPO} or {@code RTO}), as on its HTML page. */
    private static String objective(DrillReport d, String kind) {
        List<String> figures = new ArrayList<>();
        for (StepReport s : d.allSteps()) {
            for (Measurement m : s.measurements()) {
                if (kind.equals(DrillPage.objective(m))) {
                    figures.add(cell(m.name()) + " " + cell(Fmt.measurement(m)));
                }
            }
        }
        return String.join("<br>", figures);
    }

    /**
     * Untrusted text as one table cell of plain text: on one line, control characters escaped,
     * every ASCII punctuation character backslash-escaped, at most {@link #MAX_CELL} characters.
     */
    static String cell(String text) {
        String line = Printable.line(text == null ? "" : text);
        if (line.length() > MAX_CELL) {
            line = line.substring(0, MAX_CELL) + "…";
        }
        StringBuilder b = new StringBuilder(line.length() + 16);
        line.codePoints().forEach(cp -> {
            if (cp < 0x80 && isPunctuation(cp)) {
                b.append('\\');
            }
            b.appendCodePoint(cp);
        });
        return b.toString();
    }

    /** Text inside a code span: one line, no backtick (it would end the span), no pipe (it would end the cell). */
    private static String code(String text) {
        String line = Printable.line(text);
        return (line.length() > MAX_CELL ? line.substring(0, MAX_CELL) + "…" : line).replace('`', '\'').replace("|", "\\|");
    }

    private static boolean isPunctuation(int cp) {
        return cp >= '!' && cp <= '/' || cp >= ':' && cp <= '@' || cp >= '[' && cp <= '`' || cp >= '{' && cp <= '~';
    }
}
