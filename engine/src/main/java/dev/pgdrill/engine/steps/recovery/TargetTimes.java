package dev.pgdrill.engine.steps.recovery;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the target times PostgreSQL accepts with an offset ({@code 2026-11-26 12:34:56.78+00}, ISO forms, zone names). */
final class TargetTimes {
    private static final Pattern SHAPE = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\d)[ T](\\d\\d:\\d\\d(?::\\d\\d(?:\\.\\d{1,9})?)?)\\s*(Z|[+-]\\d{1,2}(?::?\\d\\d)?|[A-Za-z_/]+)");
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm").optionalStart().appendPattern(":ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().optionalEnd()
            .toFormatter();

    private TargetTimes() {
    }

    /** The instant of a time with an offset or zone, or null when it is not in a form read here. */
    static OffsetDateTime parse(String text) {
        Matcher m = SHAPE.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2), LOCAL);
            String zone = m.group(3);
            if (zone.equals("Z") || zone.matches("[+-].*")) {
                return local.atOffset(ZoneOffset.of(offset(zone)));
            }
            return ZonedDateTime.of(local, ZoneId.of(zone)).toOffsetDateTime();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code +5} / {@code +05} / {@code +0530} / {@code +05:30} / {@code Z} as {@code +05:30}. */
    private static String offset(String z) {
        if (z.equals("Z")) {
            return "Z";
        }
        String sign = z.substring(0, 1);
        String digits = z.substring(1).replace(":", "");
        String hours = digits.length() % 2 == 1 ? "0" + digits.substring(0, 1) : digits.substring(0, 2);
        String minutes = digits.length() > 2 ? digits.substring(digits.length() - 2) : "00";
        return sign + hours + ":" + minutes;
    }
}
