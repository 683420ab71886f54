package dev.pgdrill.engine.env;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL major version a drill asks for: the scenario's {@code environment: { postgres: 17 }}
 * (exactly that major) or a requirement such as {@code postgres: ">= 17"} (the oldest offered major
 * that meets it), or {@code --pg-version}. Only the majors in {@link #OFFERED} can run.
 *
 * @param atLeast true for a requirement ({@code >= N}), false for exactly {@code N}
 * @param major   the major version named
 */
public record PgVersion(boolean atLeast, int major) {
    /** The majors the images and binary discovery offer, oldest first. */
    public static final List<Integer> OFFERED = List.of(15, 17);
    /** Today's default: exactly PostgreSQL 15. */
    public static final PgVersion DEFAULT = new PgVersion(false, 15);
    private static final Pattern FORM = Pattern.compile("\\s*(>=)?\\s*(\\d{1,3})\\s*");

    /**
     * Reads {@code 17} or {@code >= 17}.
     *
     * @return empty when {@code text} is neither, or names (exactly) a major that is not offered
     */
    public static Optional<PgVersion> parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        PgVersion v = new PgVersion(m.group(1) != null, Integer.parseInt(m.group(2)));
        return v.pick().isPresent() ? Optional.of(v) : Optional.empty();
    }

    /** Whether the server major {@code candidate} meets this. */
    public boolean admits(int candidate) {
        return atLeast ? candidate >= major : candidate == major;
    }

    /** The major a drill runs on: the oldest offered one this admits, if any. */
    public Optional<Integer> pick() {
        return OFFERED.stream().filter(this::admits).findFirst();
    }

    /** {@link #pick()} when there is one, else the named major (a backend then says it cannot run it). */
    public int chosen() {
        return pick().orElse(major);
    }

    /** What a message or form lists as allowed values. */
    public static String expected() {
        return String.join(" or ", OFFERED.stream().map(String::valueOf).toList())
                + ", or a requirement such as \">= 17\"";
    }

    @Override
    public String toString() {
        return atLeast ? ">= " + major : Integer.toString(major);
    }
}
