package dev.pgdrill.engine.report;

import dev.pgdrill.engine.model.Measurement;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting shared by the renderers: durations, numbers, bytes, times. */
final class Fmt {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private Fmt() {
    }

    /** {@code 850ms}, {@code 1.2s}, {@code 2m05s}. */
    static String duration(long ms) {
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, (ms % 60_000) / 1000);
    }

    /** An axis label: {@code 0s}, {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 2m}, {@code 2m30s}. */
    static String tick(long ms) {
        if (ms == 0) {
            return "0s";
        }
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms >= 60_000) {
            return ms / 60_000 + "m" + (ms % 60_000) / 1000 + "s";
        }
        return number(ms / 1000.0) + "s";
    }

    /** Whole numbers without a fraction, others with up to three decimals. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** {@code 3 writes}, {@code 1 write}, {@code 0.8 s}: a counted unit ({@code writes}, {@code bytes}) in the singular for one. */
    static String measurement(Measurement m) {
        String unit = m.unit() == null || m.unit().isEmpty() ? "" : " " + m.unit();
        if (m.value() == 1 && unit.length() > 3 && unit.endsWith("s")) {
            unit = unit.substring(0, unit.length() - 1);
        }
        return number(m.value()) + unit;
    }

    /** {@code 512 B}, {@code 16.0 kB}, {@code 3.2 MB} (powers of 1024, as PostgreSQL's pg_size_pretty). */
    static String bytes(double v) {
        double a = Math.abs(v);
        if (a < 1024) {
            return number(Math.round(v)) + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double x = v / 1024;
        int i = 0;
        while (Math.abs(x) >= 1024 && i < units.length - 1) {
            x /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f", x).replaceAll("\\.0$", "") + " " + units[i];
    }

    /** A parameter value for display: strings as they are, other values as compact JSON. */
    static String param(Object v) {
        return v instanceof String s ? s : JsonJournal.compact(v);
    }

    /** {@code 2024-05-01 10:00:00 UTC}, or the text itself when it is not an instant. */
    static String when(String iso) {
        try {
            return WHEN.format(Instant.parse(iso).atOffset(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return iso == null ? "" : iso;
        }
    }

    static long epochMillis(String iso) {
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
