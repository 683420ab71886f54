package dev.pgdrill.engine.model;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bound over a drill's trials, written under {@code trials:} in the words of the {@code rpo} and
 * {@code rto} steps: {@code max-lost: 0} (every trial), {@code p95-lost: 10}, {@code p99-seconds: 5},
 * {@code max-ghost: 1}, or {@code min-passed: 18} (trials that must pass; every one when not given).
 *
 * @param key      as written, e.g. {@code p95-lost}
 * @param stat     {@code max}, {@code p50}, {@code p90}, {@code p95}, {@code p99}, or {@code min} for passed
 * @param measure  {@code lost}, {@code ghost}, {@code seconds} or {@code passed}
 * @param limit    the bound
 * @param location where it was written
 */
public record TrialBound(String key, String stat, String measure, double limit, Location location) {
    private static final Pattern KEY = Pattern.compile("(max|p50|p90|p95|p99)-(lost|ghost|seconds)|min-passed");
    /** The keys a {@code trials:} block takes, for messages. */
    public static final List<String> EXAMPLES = List.of("max-lost", "p50-lost", "p90-lost", "p95-lost", "p99-lost",
            "max-ghost", "p95-ghost", "max-seconds", "p95-seconds", "p99-seconds", "min-passed");

    /** True when {@code key} names a bound. */
    public static boolean isKey(String key) {
        return KEY.matcher(key).matches();
    }

    /** Reads a bound; {@code key} must satisfy {@link #isKey}. */
    public static TrialBound of(String key, double limit, Location location) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a trial bound: " + key);
        }
        return m.group(1) == null ? new TrialBound(key, "min", "passed", limit, location)
                : new TrialBound(key, m.group(1), m.group(2), limit, location);
    }

    /** The percentile this bound takes (100 for max), or -1 for {@code min-passed}. */
    public double percentile() {
        return switch (stat) {
            case "max" -> 100;
            case "min" -> -1;
            default -> Double.parseDouble(stat.substring(1));
        };
    }

    /** Whether {@code value} (the statistic over the trials) keeps the bound. */
    public boolean holds(double value) {
        return "passed".equals(measure) ? value >= limit : value <= limit;
    }

    /** {@code p95-lost <= 0}. */
    public String describe() {
        return key + ("passed".equals(measure) ? " >= " : " <= ") + number(limit);
    }

    /** Whole numbers without a fraction: {@code 5}, {@code 5.5}. */
    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
