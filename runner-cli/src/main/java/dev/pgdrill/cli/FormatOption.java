package dev.pgdrill.cli;

import dev.pgdrill.engine.report.JsonJournal;
import picocli.CommandLine.Option;

import java.io.PrintStream;

/**
 * {@code --format text|json} for the commands that print a result ({@code validate}, {@code plan},
 * {@code steps}). JSON goes to stdout as one document whose shape is stable and documented on each
 * command's JSON writer (a top-level {@code "format": 1} names its version); exit codes are the same
 * in both formats.
 */
final class FormatOption {
    /** The version of the JSON documents' shape; a change that is not an addition raises it. */
    static final int JSON_FORMAT = 1;

    enum Format { TEXT, JSON }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output as text (the default) or json (one document on stdout; the shape is in the README).")
    Format format = Format.TEXT;

    boolean json() {
        return format == Format.JSON;
    }

    /** Prints {@code tree} (maps, lists, strings, numbers) as indented JSON. */
    static void print(PrintStream out, Object tree) {
        out.println(JsonJournal.toJson(tree));
        out.flush();
    }
}
