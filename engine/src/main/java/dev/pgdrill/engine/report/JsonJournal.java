package dev.pgdrill.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** Writes {@code run} to {@code file} (atomically: a reader never sees half a journal). */
    public static void write(RunReport run, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            MAPPER.writeValue(tmp.toFile(), run);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + file + ": " + e.getMessage(), e);
        }
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
     * Reads a journal.
     *
     * @throws IllegalArgumentException naming the file and what is wrong when it is not a journal
     */
    public static RunReport read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no journal at " + file + " (expected a " + FILE
                    + " written by a run with --report-dir)");
        }
        RunReport run;
        try {
            run = MAPPER.readValue(file.toFile(), RunReport.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("not a pgdrill journal: " + file + where + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
        if (run == null || run.format() != RunReport.FORMAT) {
            throw new IllegalArgumentException("not a pgdrill journal: " + file + " (expected \"format\": "
                    + RunReport.FORMAT + ", found " + (run == null ? "nothing" : run.format()) + ")");
        }
        return run;
    }
}
