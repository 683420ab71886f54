package dev.pgdrill.engine.postgres;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Picks out of a server log the lines that show what recovery did, and the line that says why it died. */
public final class RecoveryLog {
    private static final List<String> EVIDENCE = List.of(
            "starting point-in-time recovery",
            "starting archive recovery",
            "entering standby mode",
            "redo starts at",
            "consistent recovery state reached",
            "recovery stopping",
            "last completed transaction was at log time",
            "recovery has paused",
            "pausing at the end of recovery",
            "redo done at",
            "selected new timeline id",
            "archive recovery complete",
            "received promote request",
            "database system is ready to accept",
            "database system was not properly shut down",
            "database system was interrupted",
            "recovery ended before configured recovery target was reached",
            "could not locate a valid checkpoint record");

    private static final Pattern STAMP = Pattern.compile("\\s*(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?)");

    private RecoveryLog() {
    }

    /** Lines that tell the story of a recovery, in log order. */
    public static List<String> evidence(List<String> lines) {
        return lines.stream().filter(RecoveryLog::isEvidence).map(String::strip).toList();
    }

    public static boolean isEvidence(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return EVIDENCE.stream().anyMatch(l::contains) || (isFatal(line) && !isClientNoise(line))
                || l.contains("restored log file") && l.contains(".history");
    }

    /**
     * Time between the first line containing {@code from} and the first later line containing
     * {@code to}, by the timestamps the lines start with ({@code %m} of PostgreSQL's default
     * {@code log_line_prefix}: {@code 2024-05-01 12:00:00.123 UTC}); empty when either is missing or untimed.
     */
    public static Optional<Duration> between(List<String> lines, String from, String to) {
        LocalDateTime start = null;
        for (String line : lines) {
            if (start == null) {
                if (line.contains(from)) {
                    start = stamp(line);
                    if (start == null) {
                        return Optional.empty();
                    }
                }
            } else if (line.contains(to)) {
                LocalDateTime end = stamp(line);
                return end == null ? Optional.empty() : Optional.of(Duration.between(start, end));
            }
        }
        return Optional.empty();
    }

    private static LocalDateTime stamp(String line) {
        Matcher m = STAMP.matcher(line);
        return m.lookingAt() ? LocalDateTime.parse(m.group(1) + "T" + m.group(2)) : null;
    }

    /** A FATAL or PANIC line, the server's own account of why it stopped. */
    public static boolean isFatal(String line) {
        return line.contains("FATAL:") || line.contains("PANIC:");
    }

    /**
     * The most telling fatal line: one that is not a client being turned away during start-up
     * ("the database system is starting up"), else the last FATAL/PANIC line; null when none.
     */
    public static String fatal(List<String> lines) {
        String any = null;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (!isFatal(line)) {
                continue;
            }
            if (!isClientNoise(line)) {
                return line.strip();
            }
            if (any == null) {
                any = line.strip();
            }
        }
        return any;
    }

    /** FATAL lines about a client turned away or a connection ended, not about the server itself. */
    public static boolean isClientNoise(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.contains("the database system is starting up")
                || l.contains("the database system is shutting down")
                || l.contains("the database system is in recovery mode")
                || l.contains("the database system is not yet accepting connections")
                || l.contains("terminating connection due to administrator command")
                || l.contains("terminating walreceiver process due to administrator command")
                || l.contains("could not connect to the primary server")
                || l.contains("could not receive data from wal stream")
                || l.contains("password authentication failed");
    }

    /** Whether PostgreSQL reported stopping at a recovery target. */
    public static boolean stoppedAtTarget(List<String> lines) {
        return lines.stream().map(l -> l.toLowerCase(Locale.ROOT)).anyMatch(l -> l.contains("recovery stopping"));
    }
}
