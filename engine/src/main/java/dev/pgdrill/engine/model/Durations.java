package dev.pgdrill.engine.model;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the duration syntax of scenarios: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1m30s}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+");

    private Durations() {
    }

    /** @return the duration, or null when {@code text} is not in the syntax */
    public static Duration parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (!WHOLE.matcher(t).matches()) {
            return null;
        }
        Matcher m = PART.matcher(t);
        double millis = 0;
        while (m.find()) {
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1_000;
                case "m" -> n * 60_000;
                default -> n * 3_600_000;
            };
        }
        return Duration.ofMillis(Math.round(millis));
    }

    public static Duration parse(String text) {
        Duration d = parseOrNull(text);
        if (d == null) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (expected e.g. 500ms, 30s, 2m, 1h)");
        }
        return d;
    }

    /** Short form for people: {@code 850ms}, {@code 1.2s}, {@code 2m05s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, (ms % 60_000) / 1000);
    }
}
