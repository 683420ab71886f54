package dev.pgdrill.engine.postgres;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.step.StepContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A timeline's history file ({@code 00000002.history}): the timelines before it, each with the WAL position
 * where the next one began. The archive has no reader in the port, so the file is read from the
 * {@code pg_wal} of a running node that holds it.
 */
public final class TimelineHistory {
    private static final Pattern HISTORY_LINE = Pattern.compile("\\s*(\\d+)\\s+([0-9A-Fa-f]+/[0-9A-Fa-f]+).*");
    /** A history file's name: its timeline in eight hex digits. */
    public static final Pattern FILE = Pattern.compile("([0-9A-F]{8})\\.history");

    /** One ancestor: timeline {@code timeline} ended (the next began) at {@code switchLsn}; -1 when unknown. */
    public record Entry(int timeline, long switchLsn) {
    }

    private TimelineHistory() {
    }

    public static String fileName(int timeline) {
        return String.format(Locale.ROOT, "%08X.history", timeline);
    }

    /** The timeline a history file name stands for, or -1. */
    public static int timelineOf(String fileName) {
        Matcher m = FILE.matcher(fileName.trim());
        return m.matches() ? Integer.parseInt(m.group(1), 16) : -1;
    }

    /** The entries of a history file's text, oldest first; comment and blank lines are skipped. */
    public static List<Entry> parse(String text) {
        List<Entry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = HISTORY_LINE.matcher(line);
            if (m.matches()) {
                out.add(new Entry(Integer.parseInt(m.group(1)), Lsn.parse(m.group(2))));
            }
        }
        return out;
    }

    /**
     * The ancestors listed by the history file of {@code timeline}, read from the pg_wal of a running node that
     * has it; null when no node answering SQL has it.
     */
    public static List<Entry> read(StepContext ctx, int timeline) {
        for (String nodeName : ctx.env().nodeNames()) {
            Node node = Probes.answering(ctx, nodeName).orElse(null);
            if (node == null) {
                continue;
            }
            try {
                Object text = Sql.query(ctx, node, "SELECT pg_read_file('pg_wal/' || :name, 0, 1048576, true)",
                        Map.of("name", fileName(timeline))).first();
                if (text != null) {
                    return parse(String.valueOf(text));
                }
            } catch (Exception e) {
                // not readable there (no such function rights, or the node went away): try the next node
            }
        }
        return null;
    }
}
