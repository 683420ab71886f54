package dev.pgdrill.engine.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.node.LocationJsonNodeFactoryFactory;
import com.networknt.schema.utils.JsonNodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads a journal as untrusted input: at most {@link #MAX_BYTES} bytes, nested at most
 * {@link #MAX_DEPTH} deep, no duplicate keys, and valid against the shipped JSON Schema
 * ({@code scenarios/schema/journal.schema.json}, which the engine's build packages beside this class).
 */
final class JournalSchema {
    /** Name of the schema resource next to this class: {@code scenarios/schema/journal.schema.json}, packaged. */
    static final String RESOURCE = "journal.schema.json";
    /** The largest journal read: far above what a run writes (a few MB for many drills with samples). */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    /** The deepest nesting read: a journal needs about 10 levels (parameters may nest a few more). */
    static final int MAX_DEPTH = 64;
    private static final int SHOWN = 5;

    private static final ObjectMapper READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxDocumentLength(MAX_BYTES)
                            .build())
                    .build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static volatile JsonSchema schema;

    private JournalSchema() {
    }

    /**
     * The journal in {@code file} as a tree that matches the schema.
     *
     * @throws IllegalArgumentException saying which file, what is wrong, where (line:column) and at
     *                                  which JSON path, when it is too big, not JSON or not a journal
     */
    static JsonNode read(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file + ": " + ReportPaths.reason(e), e);
        }
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("not a pgdrill journal: " + file + " is " + size
                    + " bytes, more than the " + MAX_BYTES / (1024 * 1024) + " MiB a journal may have");
        }
        JsonNode tree;
        try (InputStream in = Files.newInputStream(file)) {
            tree = JsonNodes.readTree(READER, in, LocationJsonNodeFactoryFactory.getInstance());
        } catch (JsonProcessingException e) {
            throw notJson(file, e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof JsonProcessingException j) { // JsonNodes wraps parser errors
                throw notJson(file, j);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file + ": " + ReportPaths.reason(e), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new IllegalArgumentException("not a pgdrill journal: " + file + " is empty");
        }
        JsonNode format = tree.get("format");
        if (format != null && format.isIntegralNumber() && format.asLong() != RunReport.FORMAT) {
            throw new IllegalArgumentException("not a journal this runner can read: " + file + at(location(format))
                    + ": journal format " + format.asText() + ", this runner reads format " + RunReport.FORMAT
                    + " only (the journal was written by another version of pgdrill: render it with that version)");
        }
        Set<ValidationMessage> problems = schema().validate(tree);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(describe(file, problems));
        }
        return tree;
    }

    private static IllegalArgumentException notJson(Path file, JsonProcessingException e) {
        boolean tooDeep = e instanceof StreamConstraintsException && e.getOriginalMessage().contains("nesting depth");
        JsonLocation where = tooDeep ? tooDeepAt(file) : e.getLocation();
        String what = tooDeep ? "nested deeper than the " + MAX_DEPTH + " levels a journal may have" : e.getOriginalMessage();
        return new IllegalArgumentException("not a pgdrill journal: " + file + at(where) + ": " + what, e);
    }

    /** Where nesting first goes past {@link #MAX_DEPTH} (a token scan: no tree, no recursion), or null. */
    private static JsonLocation tooDeepAt(Path file) {
        JsonFactory scan = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
                .build();
        try (JsonParser p = scan.createParser(file.toFile())) {
            int depth = 0;
            for (var t = p.nextToken(); t != null; t = p.nextToken()) {
                depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
                if (depth > MAX_DEPTH) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException ignored) {
            // no position then; the message still says what is wrong
        }
        return null;
    }

    /** Every problem (the first few), one a line: {@code file:line:column: at $.path: what is wrong}. */
    private static String describe(Path file, Set<ValidationMessage> problems) {
        List<ValidationMessage> sorted = problems.stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> offset(m.getInstanceNode()))
                        .thenComparing(m -> m.getInstanceLocation().toString()))
                .toList();
        StringBuilder b = new StringBuilder("not a pgdrill journal: " + file + " does not match "
                + "scenarios/schema/" + RESOURCE + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):");
        for (ValidationMessage m : sorted.subList(0, Math.min(SHOWN, sorted.size()))) {
            b.append("\n  ").append(file).append(at(location(m.getInstanceNode()))).append(": at ")
                    .append(m.getInstanceLocation()).append(": ").append(m.getError());
        }
        if (sorted.size() > SHOWN) {
            b.append("\n  ... and ").append(sorted.size() - SHOWN).append(" more");
        }
        return b.toString();
    }

    private static JsonLocation location(JsonNode node) {
        return node == null ? null : JsonNodes.tokenLocationOf(node);
    }

    private static long offset(JsonNode node) {
        JsonLocation l = location(node);
        return l == null ? Long.MAX_VALUE : l.getCharOffset();
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr();
    }

    static JsonSchema schema() {
        if (schema == null) {
            try (InputStream in = JournalSchema.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("report resource missing: " + RESOURCE);
                }
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }
}
