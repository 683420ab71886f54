package dev.pgdrill.engine.postgres;

import java.util.List;
import java.util.Locale;

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

    private RecoveryLog() {
    }

    /** Lines that tell the story of a recovery, in log order. */
    public static List<String> evidence(List<String> lines) {
        return lines.stream().filter(RecoveryLog::isEvidence).map(String::strip).toList();
    }

    public static boolean isEvidence(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return EVIDENCE.stream().anyMatch(l::contains) || (isFatal(line) && !isClientNoise(line));
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
