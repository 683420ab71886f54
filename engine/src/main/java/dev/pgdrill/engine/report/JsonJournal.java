package dev.pgdrill.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON journal of a run ({@code journal.json}): every drill and step with status, timing,
 * resolved parameters, outputs, measurements, samples, evidence, messages and log tails.
 * {@link #read} gives back exactly the model that was written, so HTML re-rendered from a journal
 * matches the live report.
 */
public final class JsonJournal {
    /** File name of the journal inside a report directory. */
    public static final String FILE = "journal.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonJournal() {
    }

    /**
     * Writes {@code run} to {@code file} (atomically: a reader never sees half a journal; never
     * through a symbolic link, see {@link ReportPaths}).
     */
    public static void write(RunReport run, Path file) {
        Path abs = file.toAbsolutePath();
        ReportPaths.write(abs.getParent(), abs.getFileName().toString(), toJson(run));
    }

    /** The journal as text. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compact single-line JSON of a parameter value (for display). */
    static String compact(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /**
     * Reads a journal, as untrusted input: it must match the shipped schema (see {@link JournalSchema}).
     * Page names in the result are derived from the drills' names and positions, never taken from
     * the file.
     *
     * @throws IllegalArgumentException naming the file, what is wrong and where, when it is not a journal
     */
    public static RunReport read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no journal at " + file + " (expected a " + FILE
                    + " written by a run with --report-dir)");
        }
        JsonNode tree = JournalSchema.read(file);
        RunReport run;
        try {
            run = MAPPER.treeToValue(tree, RunReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a pgdrill journal: " + file + ": " + e.getOriginalMessage(), e);
        }
        List<String> pages = ReportModel.pageNames(run.drills());
        List<DrillReport> drills = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            DrillReport d = run.drills().get(i);
            drills.add(d.withPage(pages.get(i)));
        }
        return new RunReport(run.format(), run.start(), run.durationMs(), run.exitCode(), run.complete(),
                run.environment(), drills, run.facts(), run.trialSets());
    }
}
