package dev.pgdrill.engine.postgres;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Timestamps as recovery targets want them: always with a timezone offset. */
public final class Times {
    /** {@code 2026-11-26 12:34:56.789012+00}: PostgreSQL's own timestamptz text form. */
    private static final DateTimeFormatter PG = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSx");
    /** An offset at the end: Z, +00, +0530, +05:30, or a zone name like {@code UTC} / {@code Europe/Paris}. */
    private static final Pattern OFFSET = Pattern.compile(
            ".*\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?\\s*(Z|[+-]\\d{1,2}(:?\\d{2})?|[A-Za-z]{2,5}|[A-Za-z]+/[A-Za-z_]+)$");

    private Times() {
    }

    public static String format(OffsetDateTime t) {
        return PG.format(t);
    }

    /** Whether a literal time carries a timezone (offset or zone name). */
    public static boolean hasOffset(String time) {
        return OFFSET.matcher(time.trim()).matches();
    }
}
