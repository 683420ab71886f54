package dev.pgdrill.engine.step;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's parameters after {@code ${...}} references were resolved, as written in YAML; a
 * {@link TypedStep} binds them to its parameter record (see {@link ParamBinder}). Also the readers of
 * the boolean and byte-size spellings that validation and binding share.
 */
public final class Args {
    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?", Pattern.CASE_INSENSITIVE);
    private final Map<String, Object> values;

    public Args(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public String string(String name, String fallback) {
        Object v = values.get(name);
        return v == null ? fallback : String.valueOf(v);
    }

    /** @return true for true/yes/on, false for false/no/off (any case), null when not a boolean word */
    public static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> null;
        };
    }

    /** @return bytes, or null when not a byte size */
    public static Long parseBytes(String text) {
        Matcher m = BYTES.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        try {
            long n = Long.parseLong(m.group(1));
            return switch (unit) {
                case "kb" -> Math.multiplyExact(n, 1024L);
                case "mb" -> Math.multiplyExact(n, 1024L * 1024);
                case "gb" -> Math.multiplyExact(n, 1024L * 1024 * 1024);
                default -> n;
            };
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return null; // beyond a long: not a byte size this engine can use
        }
    }
}
