package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.report.GithubAnnotations;
import dev.pgdrill.engine.report.MarkdownSummary;
import dev.pgdrill.engine.report.ReportPaths;
import dev.pgdrill.engine.report.RunReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a run (or a merged report) tells a CI system. With {@code GITHUB_ACTIONS=true} (where all
 * output is kept inert by {@link WorkflowCommandGuard}): an {@code ::error} annotation per failing drill at its
 * failing step's line (see {@link GithubAnnotations}), and the Markdown summary (see
 * {@link MarkdownSummary}) appended to {@code $GITHUB_STEP_SUMMARY}. With {@code --summary-md FILE}
 * the same Markdown is written to FILE, on any CI.
 */
final class CiOutput {
    static final String GITHUB_ACTIONS = "GITHUB_ACTIONS";
    static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";
    private final CliContext ctx;
    private final Path summaryMd;
    private final boolean github;

    /** @param summaryMd the {@code --summary-md} file, or null */
    CiOutput(CliContext ctx, Path summaryMd) {
        this.ctx = ctx;
        this.summaryMd = summaryMd;
        this.github = "true".equals(ctx.environment().apply(GITHUB_ACTIONS));
    }

    /** Refuses (exit 2, before anything runs) a {@code --summary-md} that names a directory. */
    void check(String who) {
        if (summaryMd != null && Files.isDirectory(summaryMd)) {
            throw new DrillException(ExitCode.INVALID, who + ": --summary-md: " + summaryMd
                    + " is a directory (name a file, e.g. target/drill-summary.md); nothing was run");
        }
    }

    /**
     * Prints the annotations (when {@code annotate}; outside the fence that {@link WorkflowCommandGuard}
     * keeps around all other output) and writes the summary.
     *
     * @return why a summary could not be written, or null
     */
    String finish(RunReport run, boolean annotate) {
        if (github && annotate) {
            for (String line : GithubAnnotations.lines(run)) {
                if (ctx.out() instanceof WorkflowCommandGuard.Stream guarded) {
                    guarded.guard().command(line);
                } else {
                    ctx.out().println(line);
                }
            }
        }
        ctx.out().flush();
        String markdown = MarkdownSummary.render(run);
        String failure = null;
        String stepSummary = github ? ctx.environment().apply(STEP_SUMMARY) : null;
        if (stepSummary != null && !stepSummary.isBlank()) {
            failure = write(Path.of(stepSummary), markdown + "\n", true);
        }
        if (summaryMd != null) {
            String f = write(summaryMd, markdown, false);
            failure = failure == null ? f : failure;
        }
        return failure;
    }

    private static String write(Path file, String text, boolean append) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            return null;
        } catch (IOException e) {
            return "cannot write the summary " + file + ": " + ReportPaths.reason(e);
        }
    }
}
