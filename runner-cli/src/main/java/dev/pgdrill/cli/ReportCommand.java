package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.report.HtmlReport;
import dev.pgdrill.engine.report.JsonJournal;
import dev.pgdrill.engine.report.ReportDirectory;
import dev.pgdrill.engine.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code runner report JOURNAL [--out DIR]}: re-renders the HTML report from a JSON journal. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render the HTML report from a JSON journal written by a run.")
public final class ReportCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(paramLabel = "JOURNAL", description = "The journal, e.g. target/drill-reports/journal.json.")
    Path journal;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the HTML (default: the journal's directory).")
    Path out;

    public ReportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(journal)) {
            throw new DrillException(ExitCode.INVALID, journal + ": no such file");
        }
        Path dir = out != null ? out : (journal.getParent() != null ? journal.getParent() : Path.of("."));
        RunReport run;
        try {
            run = JsonJournal.read(journal); // first: a bad journal writes nothing, not even the directory
        } catch (IllegalArgumentException e) {
            throw new DrillException(ExitCode.INVALID, "runner report: " + e.getMessage() + "; nothing was written");
        } catch (UncheckedIOException e) {
            throw new DrillException(ExitCode.INVALID, "runner report: " + e.getMessage());
        }
        Path index;
        try (ReportDirectory held = ReportDirectory.acquire(dir)) { // not into a directory a run is writing
            index = HtmlReport.write(run, held.dir());
        } catch (IllegalArgumentException e) {
            throw new DrillException(ExitCode.INVALID, "runner report: --out: " + e.getMessage() + "; nothing was written");
        } catch (UncheckedIOException e) {
            throw new DrillException(ExitCode.ENVIRONMENT, "runner report: " + e.getMessage());
        }
        ctx.out().println("wrote " + index);
        return ExitCode.OK.code();
    }
}
