package dev.pgdrill.engine.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of every report and console line: values under keys that contain
 * "password", {@code password=...}/{@code password: ...} in free text, and the password part of
 * connection URLs ({@code postgresql://user:secret@host}).
 */
public final class Redactor {
    /** What a masked secret looks like. */
    public static final String MASK = "********";

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)(\\w*(?:password|passwd|pwd)\\w*[\"']?\\s*(?:=|:|=>)\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&\"'}\\])\u001B]+)");
    private static final Pattern SQL_PASSWORD = Pattern.compile("(?i)(\\bpassword\\s+)('(?:[^']|'')*')");
    private static final Pattern URL_USERINFO = Pattern.compile("(://[^/:@\\s]+:)([^@/\\s]+)(@)");

    private Redactor() {
    }

    /** True when a parameter or output with this name holds a secret. */
    public static boolean secretKey(String key) {
        String k = key == null ? "" : key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("passwd") || k.equals("pwd") || k.contains("secret");
    }

    /** {@code text} with anything that looks like a password replaced by {@link #MASK}; null stays null. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String t = ASSIGNMENT.matcher(text).replaceAll(m -> {
            String v = m.group(2);
            String quote = v.startsWith("\"") ? "\"" : v.startsWith("'") ? "'" : "";
            return java.util.regex.Matcher.quoteReplacement(m.group(1) + quote + MASK + quote);
        });
        t = SQL_PASSWORD.matcher(t).replaceAll("$1'" + MASK + "'");
        return URL_USERINFO.matcher(t).replaceAll("$1" + MASK + "$3");
    }

    /** Each line masked. */
    public static List<String> lines(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            out.add(text(l));
        }
        return out;
    }

    /**
     * A JSON-friendly copy of a parameter value: secret keys masked, strings masked, maps sorted by
     * key (so reports are stable), lists kept in order, anything else as its text.
     */
    public static Object value(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (key != null && secretKey(key)) {
            return MASK;
        }
        if (value instanceof String s) {
            return text(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> m) {
            return map(m);
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(value(null, o));
            }
            return out;
        }
        return text(String.valueOf(value));
    }

    /** A sorted, masked copy of a map (see {@link #value}). */
    public static Map<String, Object> map(Map<?, ?> map) {
        Map<String, Object> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), value(String.valueOf(k), v)));
        return out;
    }

    /** A sorted, masked copy of string outputs. */
    public static Map<String, String> strings(Map<String, String> map) {
        Map<String, String> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, secretKey(k) ? MASK : text(v)));
        return out;
    }
}
