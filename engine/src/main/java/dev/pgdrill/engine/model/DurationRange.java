package dev.pgdrill.engine.model;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * A duration written as a range, {@code 200ms..3s}: the step takes a value drawn between the two ends
 * (both included, to the millisecond) when it runs. Equal ends stand for that one value.
 *
 * @param min the lower end
 * @param max the upper end, not below {@code min}
 */
public record DurationRange(Duration min, Duration max) {
    /** What separates the ends. */
    public static final String SEPARATOR = "..";
    private static final Pattern RANGE_LIKE = Pattern.compile(
            "\\s*\\d+(\\.\\d+)?[a-zA-Z]*\\s*\\.\\.\\s*\\d+(\\.\\d+)?[a-zA-Z]*\\s*");

    /** True when {@code text} is written as a range (holds {@link #SEPARATOR}), valid or not. */
    public static boolean looksLikeRange(Object text) {
        return text instanceof String s && s.contains(SEPARATOR);
    }

    /**
     * True when {@code value} reads as a range of numbers or durations ({@code 1..5}, {@code 200ms..3s}): what a
     * parameter that is not a duration refuses, while its other text with {@code ..} in it (a path, SQL) stays.
     */
    public static boolean rangeLike(Object value) {
        return value instanceof String s && RANGE_LIKE.matcher(s).matches();
    }

    /** @return the range, or null when {@code text} is not a valid range (see {@link #problem}) */
    public static DurationRange parseOrNull(String text) {
        return problem(text) == null ? parse(text) : null;
    }

    /**
     * What is wrong with {@code text} as a range, or null when it is one: both ends durations, the
     * lower end first.
     */
    public static String problem(String text) {
        String t = text == null ? "" : text.trim();
        int at = t.indexOf(SEPARATOR);
        if (at < 0) {
            return "not a range (expected e.g. 200ms..3s)";
        }
        String low = t.substring(0, at).trim();
        String high = t.substring(at + SEPARATOR.length()).trim();
        if (low.isEmpty() || high.isEmpty()) {
            return "an empty range: both ends are needed, e.g. 200ms..3s";
        }
        Duration min = Durations.parseOrNull(low);
        Duration max = Durations.parseOrNull(high);
        if (min == null || max == null) {
            return "a range of durations needs a duration at each end, like 200ms..3s";
        }
        if (max.compareTo(min) < 0) {
            return "a reversed range: " + low + " is after " + high + "; write the lower end first";
        }
        return null;
    }

    private static DurationRange parse(String text) {
        String t = text.trim();
        int at = t.indexOf(SEPARATOR);
        return new DurationRange(Durations.parse(t.substring(0, at)), Durations.parse(t.substring(at + SEPARATOR.length())));
    }

    /** A value in the range, the same for the same {@code seed}: uniform over its milliseconds. */
    public Duration draw(long seed) {
        long span = max.toMillis() - min.toMillis();
        long offset = span == 0 ? 0 : new SplittableRandom(seed).nextLong(span + 1);
        return min.plusMillis(offset);
    }

    @Override
    public String toString() {
        return Durations.format(min) + SEPARATOR + Durations.format(max);
    }
}
