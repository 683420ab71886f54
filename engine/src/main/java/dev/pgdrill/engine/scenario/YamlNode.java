package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.model.Location;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value as read from a scenario file, with the position of every key and value, so that
 * validation can point at the exact place of a problem. Built by {@link YamlTreeReader}.
 */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

    /** Where the value starts. */
    Location location();

    /** The value as plain Java objects: String, Long, Double, Boolean, null, List, Map (unmodifiable). */
    Object toPlain();

    /**
     * A scalar: String, Long, Double, Boolean or null (YAML {@code null}, {@code ~} or nothing).
     *
     * @param alias true when the value was a YAML alias ({@code *name}); value is then the anchor name
     */
    record Scalar(Object value, Location location, boolean alias) implements YamlNode {
        public boolean isNull() {
            return value == null;
        }

        @Override
        public Object toPlain() {
            return value;
        }
    }

    record Sequence(List<YamlNode> items, Location location) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public Object toPlain() {
            return items.stream().map(YamlNode::toPlain).toList();
        }
    }

    /** A key of a mapping, where it was written, and its value. */
    record Entry(String key, Location keyLocation, YamlNode value) {
    }

    /** A mapping in file order. Keys are unique: the reader reports duplicates and keeps the first. */
    record Mapping(List<Entry> entries, Location location) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        public Entry entry(String key) {
            for (Entry e : entries) {
                if (e.key().equals(key)) {
                    return e;
                }
            }
            return null;
        }

        @Override
        public Object toPlain() {
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach(e -> out.put(e.key(), e.value().toPlain()));
            return Collections.unmodifiableMap(out);
        }
    }

    /** How a value reads in a message: {@code 'abc'}, {@code 30}, {@code true}, {@code nothing}, {@code a list}. */
    static String describe(YamlNode node) {
        if (node instanceof Sequence) {
            return "a list";
        }
        if (node instanceof Mapping) {
            return "a mapping";
        }
        Object v = ((Scalar) node).value();
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return "'" + abbreviate(s) + "'";
        }
        return String.valueOf(v);
    }

    /** Text shortened to one line of at most 60 characters, for messages. */
    static String abbreviate(String s) {
        String one = s.replace("\r", "").replace("\n", "\\n");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
