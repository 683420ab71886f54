package dev.pgdrill.engine.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.pgdrill.engine.model.Location;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one YAML document into a {@link YamlNode} tree that keeps the line and column of every key
 * and value. Refuses, quickly and with a located message, what a scenario never is: binary data,
 * invalid UTF-8, empty input, several documents, nesting deeper than {@link #MAX_DEPTH}, aliases
 * (the raw material of alias bombs) and duplicate keys.
 */
public final class YamlTreeReader {
    /** Deepest nesting of mappings and lists accepted. */
    public static final int MAX_DEPTH = 50;
    private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(loaderOptions())
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

    private final Path file;
    private final List<Problem> problems;
    private YAMLParser parser;
    private boolean aliasReported;

    private YamlTreeReader(Path file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(10);
        o.setNestingDepthLimit(MAX_DEPTH + 10);
        o.setCodePointLimit(2 * ScenarioLoader.MAX_BYTES);
        o.setAllowDuplicateKeys(true); // reported by this reader, with both positions
        return o;
    }

    /**
     * @return the root value, or null when the input cannot be read as one YAML document (the reason
     * is added to {@code problems}); other problems found along the way are added too
     */
    public static YamlNode read(Path file, byte[] content, List<Problem> problems) {
        return new YamlTreeReader(file, problems).read(content);
    }

    private YamlNode read(byte[] content) {
        String text = decode(content);
        if (text == null) {
            return null;
        }
        try (YAMLParser p = (YAMLParser) FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(new Problem(new Location(file, 1, 1),
                        "the file is empty: expected a mapping with at least 'steps:'"));
                return null;
            }
            YamlNode root = value(first, 1);
            if (root == null) {
                return null;
            }
            if (p.nextToken() != null) {
                problems.add(new Problem(here(), "a second YAML document (after '---') starts here: "
                        + "a scenario file holds exactly one document; put each drill in its own file"));
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(e));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(new Location(file, 0, 0), "cannot read: " + e.getMessage()));
            return null;
        } catch (DepthExceeded e) {
            return null;
        }
    }

    private YamlNode value(JsonToken token, int depth) throws IOException {
        Location at = here();
        switch (token) {
            case START_OBJECT:
                return mapping(at, depth);
            case START_ARRAY:
                return sequence(at, depth);
            case VALUE_STRING:
                if (parser.isCurrentAlias() && !aliasReported) {
                    aliasReported = true;
                    problems.add(new Problem(at, "YAML aliases ('*" + parser.getText() + "') are not supported in "
                            + "scenarios: write the value out"));
                }
                return new YamlNode.Scalar(parser.getText(), at, parser.isCurrentAlias());
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(integer(), at, false);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(floating(), at, false);
            case VALUE_TRUE:
                return new YamlNode.Scalar(Boolean.TRUE, at, false);
            case VALUE_FALSE:
                return new YamlNode.Scalar(Boolean.FALSE, at, false);
            case VALUE_NULL:
                return new YamlNode.Scalar(null, at, false);
            default:
                problems.add(new Problem(at, "unsupported YAML value (" + token + "): use plain text, numbers, "
                        + "true/false, lists and mappings"));
                return new YamlNode.Scalar(parser.getText(), at, false);
        }
    }

    /**
     * A YAML float. The parser cannot convert YAML's {@code .nan} and {@code .inf}: they become NaN and
     * infinity here, so that the parameter checks refuse them by name, at their position.
     */
    private double floating() throws IOException {
        try {
            return parser.getDoubleValue();
        } catch (IOException | RuntimeException e) {
            String text = parser.getText() == null ? "" : parser.getText().trim().toLowerCase(Locale.ROOT);
            return switch (text) {
                case ".nan" -> Double.NaN;
                case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                case "-.inf" -> Double.NEGATIVE_INFINITY;
                default -> throw e;
            };
        }
    }

    private Object integer() throws IOException {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return parser.getText();
        }
        return parser.getLongValue();
    }

    private YamlNode mapping(Location at, int depth) throws IOException {
        checkDepth(at, depth);
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, Location> seen = new HashMap<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (t == null) {
                throw new IOException("unexpected end of input inside a mapping");
            }
            String key = parser.currentName();
            Location keyAt = here();
            YamlNode v = value(parser.nextToken(), depth + 1);
            Location first = seen.putIfAbsent(key, keyAt);
            if (first != null) {
                problems.add(new Problem(keyAt, "duplicate key '" + key + "' (first written at line "
                        + first.line() + "): each key may appear once in a mapping"));
            } else {
                entries.add(new YamlNode.Entry(key, keyAt, v));
            }
        }
        return new YamlNode.Mapping(entries, at);
    }

    private YamlNode sequence(Location at, int depth) throws IOException {
        checkDepth(at, depth);
        List<YamlNode> items = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new IOException("unexpected end of input inside a list");
            }
            items.add(value(t, depth + 1));
        }
        return new YamlNode.Sequence(items, at);
    }

    private void checkDepth(Location at, int depth) {
        if (depth > MAX_DEPTH) {
            problems.add(new Problem(at, "nesting deeper than " + MAX_DEPTH
                    + " levels: a scenario is never this deep (malformed or hostile input?)"));
            throw new DepthExceeded();
        }
    }

    private Location here() {
        return at(parser.currentTokenLocation());
    }

    private Location at(JsonLocation l) {
        return new Location(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    /** A parser error as {@code line:column} plus the parser's own short description, without its noise. */
    private Problem syntaxProblem(JsonProcessingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                Mark mark = m.getProblemMark();
                String what = m.getProblem() == null ? "syntax error"
                        : m.getProblem().trim().replace("'\\t(TAB)'", "TAB").replace("\\t(TAB)", "TAB");
                String context = m.getContext() == null ? "" : " (" + m.getContext().trim() + ")";
                return new Problem(new Location(file, mark.getLine() + 1, mark.getColumn() + 1),
                        "invalid YAML: " + what + context);
            }
        }
        String message = e.getOriginalMessage();
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                message = c.getMessage();
            }
        }
        JsonLocation l = e.getLocation() != null ? e.getLocation() : (parser == null ? null : parser.currentLocation());
        Location where = l == null ? new Location(file, 1, 1) : at(l);
        return new Problem(where, "invalid YAML: " + firstLine(message));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /** Strict UTF-8 decoding; NUL bytes and malformed sequences are reported at their position. */
    private String decode(byte[] content) {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) {
                problems.add(new Problem(positionOf(content, i),
                        "not a text file: found a NUL byte (binary data?); a scenario is UTF-8 YAML text"));
                return null;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            problems.add(new Problem(positionOf(content, in.position()),
                    "not valid UTF-8 text (binary data, or another encoding?); save the scenario as UTF-8"));
            return null;
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private Location positionOf(byte[] content, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (content[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = new String(content, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
        return new Location(file, line, column);
    }

    private static final class DepthExceeded extends RuntimeException {
        DepthExceeded() {
            super(null, null, false, false);
        }
    }
}
