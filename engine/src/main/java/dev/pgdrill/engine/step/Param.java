package dev.pgdrill.engine.step;

import dev.pgdrill.engine.env.Names;
import dev.pgdrill.engine.model.Durations;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parameter a step type accepts: drives validation, {@code runner steps} and the JSON Schema.
 *
 * @param name        YAML key
 * @param type        value kind
 * @param required    whether the step is invalid without it
 * @param description one line for {@code runner steps}
 * @param allowed     allowed values for {@link ParamType#ENUM}, else empty
 * @param defaultValue text shown as the default, or null
 */
public record Param(String name, ParamType type, boolean required, String description,
                    List<String> allowed, String defaultValue) {
    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?", Pattern.CASE_INSENSITIVE);

    public Param {
        allowed = List.copyOf(allowed);
    }

    /** What a value of this parameter looks like, for "expected ..." in messages at load and run time. */
    public String expected() {
        return switch (type) {
            case STRING -> "text";
            case SQL -> "SQL text";
            case SQL_STATEMENTS -> "SQL text or a list of statements";
            case INTEGER -> "a whole number";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case DURATION -> "a duration like 500ms, 30s or 2m";
            case BYTES -> "a byte size like 500, 16kB or 16MB";
            case NODE -> "a node name";
            case NODES -> "a node name or a list of node names";
            case NODE_NAME -> "a node name (" + Names.SAFE_RULE + ")";
            case BACKUP -> "a backup name (" + Names.SAFE_RULE + ")";
            case ENUM -> "one of " + String.join(", ", allowed);
            case MAP -> "a mapping (name: value, ...)";
            case LIST -> "a list";
            case ANY -> "a value";
        };
    }

    /**
     * What {@code value} (a YAML scalar, or text from resolved references) stands for in this parameter's
     * kind, or null when it is not one: a Long for whole numbers and byte sizes, a Double, a Boolean
     * (true/yes/on, false/no/off in any case), a Duration, the allowed text of an enum; other kinds take
     * the value as it is. The load-time check and the run-time binding both read values through it, so
     * both accept the same spellings.
     */
    public Object parse(Object value) {
        String t = String.valueOf(value).trim();
        return switch (type) {
            case INTEGER -> value instanceof Long ? value : t.matches("-?\\d+") ? parseLong(t) : null;
            case NUMBER -> value instanceof Number n ? (Object) n.doubleValue()
                    : t.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?") ? Double.parseDouble(t) : null;
            case BOOLEAN -> value instanceof Boolean ? value : switch (t.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> null;
            };
            case DURATION -> Durations.parseOrNull(t);
            case BYTES -> parseBytes(t);
            case ENUM -> allowed.contains(t) ? t : null;
            case STRING, SQL, NODE, NODE_NAME, BACKUP -> String.valueOf(value);
            case SQL_STATEMENTS, NODES -> value instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                    : String.valueOf(value);
            case MAP, LIST, ANY -> value;
        };
    }

    /** @return bytes, or null when not a byte size */
    static Long parseBytes(String text) {
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

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }
}
