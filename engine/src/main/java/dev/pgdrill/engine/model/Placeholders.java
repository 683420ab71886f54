package dev.pgdrill.engine.model;

import java.util.regex.Pattern;

/**
 * The {@code ${...}} syntax of scenario text, in one place: the scenario reader resolves what it finds, and a
 * step type may check where a reference stands (an {@code exec} step refuses one in shell text) or leave a value
 * that holds one to be checked once resolved, without knowing the reader. {@code $${} writes a literal {@code ${}.
 */
public final class Placeholders {
    /** Any {@code ${...}} not preceded by another {@code $}; group 1 is the inside. */
    public static final Pattern REFERENCE = Pattern.compile("(?<!\\$)\\$\\{([^}]*)}");
    /** A JSON Schema (ECMA 262) pattern matching any text that {@linkplain #mentions mentions} a reference. */
    public static final String SCHEMA_PATTERN = ".*\\$\\{.*";
    private static final String OPEN = "${";
    private static final String ESCAPED = "$" + OPEN;

    private Placeholders() {
    }

    /**
     * True when {@code text} holds {@code ${} anywhere (a reference, an escaped one or one never closed): its
     * value is known only once resolved, so a check of the written value leaves it to the resolution.
     */
    public static boolean mentions(String text) {
        return text != null && text.contains(OPEN);
    }

    /** {@link #mentions(String)} for a parameter value: true only for text. */
    public static boolean mentions(Object value) {
        return value instanceof String s && mentions(s);
    }

    /** True when a {@code ${} in {@code text} is never closed (escaped ones aside). */
    public static boolean unclosed(String text) {
        return REFERENCE.matcher(text.replace(ESCAPED, "")).replaceAll("").contains(OPEN);
    }

    /** Resolved text as written: each {@code $${} becomes a literal {@code ${}. */
    public static String unescape(String text) {
        return text.replace(ESCAPED, OPEN);
    }
}
