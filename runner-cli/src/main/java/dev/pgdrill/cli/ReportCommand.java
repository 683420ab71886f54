package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.report.HtmlReport;
import dev.pgdrill.engine.report.JsonJournal;
import dev.pgdrill.engine.report.MergedReport;
import dev.pgdrill.engine.report.ReportDirectory;
import dev.pgdrill.engine.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code runner report JOURNAL [--out DIR]}: re-renders the HTML report from a JSON journal;
 * {@code runner report --merge DIR_OR_JOURNAL... --out DIR}: joins the journals of several runs into
 * one report (see {@link MergedReport}). Journals are untrusted: every one is read and checked
 * before anything is written.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Re-render the HTML report from a JSON journal written by a run.",
                "With --merge: join the journals of several runs (CI shards, versions, backup tools) into one index, "
                        + "one page per drill and one junit.xml, each run's environment shown."})
public final class ReportCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(paramLabel = "JOURNAL", arity = "0..1", description = "The journal, e.g. target/drill-reports/journal.json.")
    Path journal;

    @Option(names = "--merge", paramLabel = "DIR_OR_JOURNAL", arity = "1..*",
            description = "Journals to join, or report directories holding one (a directory without one: the "
                    + JsonJournal.FILE + " of each of its subdirectories, e.g. downloaded CI artifacts).")
    List<Path> merge = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the report (default: the journal's directory; required with --merge).")
    Path out;

    @Option(names = "--summary-md", paramLabel = "FILE",
            description = "Also write a Markdown summary (verdict per drill, RPO/RTO, failing step and why) to FILE; "
                    + "with GITHUB_ACTIONS=true it is appended to $GITHUB_STEP_SUMMARY.")
    Path summaryMd;

    public ReportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (!merge.isEmpty()) {
            return merge();
        }
        if (journal == null) {
            throw new DrillException(ExitCode.INVALID, "runner report: name a journal (runner report JOURNAL), "
                    + "or journals to join (runner report --merge DIR_OR_JOURNAL... --out DIR)");
        }
        if (!Files.isRegularFile(journal)) {
            throw new DrillException(ExitCode.INVALID, journal + ": no such file");
        }
        Path dir = out != null ? out : (journal.getParent() != null ? journal.getParent() : Path.of("."));
        CiOutput ci = new CiOutput(ctx, summaryMd);
        ci.check("runner report");
        RunReport run = read(journal, "runner report"); // first: a bad journal writes nothing, not even the directory
        Path index = write(dir, "runner report", held -> HtmlReport.write(run, held));
        ctx.out().println("wrote " + index);
        return summarize(ci, run, "runner report");
    }

    private int merge() {
        String who = "runner report --merge";
        if (journal != null) {
            throw new DrillException(ExitCode.INVALID, who + ": name every journal after --merge ('" + journal
                    + "' stands apart)");
        }
        if (out == null) {
            throw new DrillException(ExitCode.INVALID, who + ": --out DIR is required (where the merged report goes)");
        }
        CiOutput ci = new CiOutput(ctx, summaryMd);
        ci.check(who);
        List<MergedReport.Source> sources = new ArrayList<>();
        for (MergeInputs.Input in : MergeInputs.resolve(merge)) {
            sources.add(new MergedReport.Source(in.label(), read(in.journal(), who)));
        }
        MergedReport merged = MergedReport.of(sources);
        Path index = write(out, who, held -> merged.write(out)); // out as named: the JUnit attachment lines use it
        ctx.out().println("wrote " + index + " (" + Words.plural(merged.combined().drills().size(), "drill")
                + " from " + Words.plural(sources.size(), "run") + ")");
        return summarize(ci, merged.combined(), who);
    }

    /** The Markdown summary of what was rendered (no annotations: the runs made those). */
    private int summarize(CiOutput ci, RunReport run, String who) {
        String failure = ci.finish(run, false);
        if (failure != null) {
            ctx.err().println(who + ": " + failure);
            return ExitCode.ENVIRONMENT.code();
        }
        return ExitCode.OK.code();
    }

    /** A journal, checked as untrusted input; a bad one ends the command with exit 2. */
    private static RunReport read(Path file, String who) {
        try {
            return JsonJournal.read(file);
        } catch (IllegalArgumentException e) {
            throw new DrillException(ExitCode.INVALID, who + ": " + e.getMessage() + "; nothing was written");
        } catch (UncheckedIOException e) {
            throw new DrillException(ExitCode.INVALID, who + ": " + e.getMessage());
        }
    }

    /** Writes into {@code dir}, locked so that no run writes there at the same time; returns the index. */
    private static Path write(Path dir, String who, Function<Path, Path> writer) {
        try (ReportDirectory held = ReportDirectory.acquire(dir)) { // not into a directory a run is writing
            return writer.apply(held.dir());
        } catch (IllegalArgumentException e) {
            throw new DrillException(ExitCode.INVALID, who + ": --out: " + e.getMessage() + "; nothing was written");
        } catch (UncheckedIOException e) {
            throw new DrillException(ExitCode.ENVIRONMENT, who + ": " + e.getMessage());
        }
    }
}
