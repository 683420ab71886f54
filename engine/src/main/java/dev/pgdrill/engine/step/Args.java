package dev.pgdrill.engine.step;

import dev.pgdrill.engine.scenario.Durations;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's parameters after {@code ${...}} references were resolved, with typed accessors.
 * Validation has already checked types, so accessors only fail on values that came from a
 * reference resolved at run time; they then throw {@link StepFailure} naming the parameter.
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

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Object raw(String name) {
        return values.get(name);
    }

    public String string(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new StepFailure("parameter '" + name + "' is required");
        }
        return String.valueOf(v);
    }

    public String string(String name, String fallback) {
        Object v = values.get(name);
        return v == null ? fallback : String.valueOf(v);
    }

    public long integer(String name, long fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new StepFailure("parameter '" + name + "': expected a whole number, found '" + v + "'");
        }
    }

    public double number(String name, double fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new StepFailure("parameter '" + name + "': expected a number, found '" + v + "'");
        }
    }

    public boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        Boolean parsed = parseBoolean(String.valueOf(v));
        if (parsed == null) {
            throw new StepFailure("parameter '" + name + "': expected true or false, found '" + v + "'");
        }
        return parsed;
    }

    /** @return true for true/yes/on, false for false/no/off (any case), null when not a boolean word */
    public static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> null;
        };
    }

    public Duration duration(String name, Duration fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        Duration d = Durations.parseOrNull(String.valueOf(v));
        if (d == null) {
            throw new StepFailure("parameter '" + name + "': expected a duration like 500ms, 30s or 2m, found '" + v + "'");
        }
        return d;
    }

    /** Bytes: a plain number, or with a unit kB / MB / GB (powers of 1024). */
    public long bytes(String name, long fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        Long b = parseBytes(String.valueOf(v));
        if (b == null) {
            throw new StepFailure("parameter '" + name + "': expected a byte size like 500 or 16kB, found '" + v + "'");
        }
        return b;
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

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = values.get(name);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A list parameter as strings; a scalar counts as a one-element list. */
    public List<String> list(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(v));
    }
}
