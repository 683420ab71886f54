package dev.pgdrill.engine.report;

import dev.pgdrill.engine.run.DrillListener;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Entry points for the CLI: the listeners that write reports, and re-rendering HTML from a journal. */
public final class Reports {
    private Reports() {
    }

    /**
     * The listeners of a run: console progress on {@code out}, and (when {@code reportDir} is not
     * null) JSON journal, JUnit XML and HTML files under {@code reportDir}. The file writer comes
     * first, so the console's summary names a report that already exists.
     *
     * @param color true to use ANSI colours and a live wait indicator (a terminal), false for plain text (CI)
     */
    public static List<DrillListener> listeners(PrintStream out, boolean color, Path reportDir) {
        if (reportDir == null) {
            return List.of(ConsoleListener.reporting(out, color, null));
        }
        ReportFilesListener files = new ReportFilesListener(reportDir);
        return List.of(files, ConsoleListener.reporting(out, color, files));
    }

    /**
     * Re-renders the HTML report (index and per-drill pages) from a JSON journal into {@code outDir}.
     *
     * @return the index.html written
     * @throws IllegalArgumentException when {@code journal} is missing or not a pgdrill journal (message says which)
     */
    public static Path renderHtml(Path journal, Path outDir) {
        return HtmlReport.write(JsonJournal.read(journal), outDir);
    }
}
