package dev.pgdrill.environment.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A node's server log file (pg_ctl -l); positions are byte offsets. The file is in the run's work directory,
 * which drill code can change, so it is sized and read as the server user ({@link ServerUser#readRange}):
 * a log that was replaced by a link to a file of root's shows nothing of that file.
 */
final class ServerLog {
    private final Path file;
    private final ServerUser user;

    ServerLog(Path file, ServerUser user) {
        this.file = file;
        this.user = user;
    }

    Path file() {
        return file;
    }

    long position() {
        return user.size(file);
    }

    /** Lines written after {@code position} (from the start if the file is now shorter). */
    List<String> since(long position) {
        long size = position();
        long from = position > size || position < 0 ? 0 : position;
        return lines(read(from, size));
    }

    List<String> tail(int count) {
        if (count <= 0) {
            return List.of();
        }
        long size = position();
        long chunk = 16 * 1024;
        while (true) {
            long from = Math.max(0, size - chunk);
            List<String> lines = lines(read(from, size));
            if (from == 0 || lines.size() > count) {
                return new ArrayList<>(lines.subList(Math.max(0, lines.size() - count), lines.size()));
            }
            chunk *= 4;
        }
    }

    /** The tail as one indented block for messages. */
    String tailText(int count) {
        List<String> lines = tail(count);
        return lines.isEmpty() ? "  (log " + file + " is empty)" : "  " + String.join("\n  ", lines);
    }

    private String read(long from, long to) {
        if (to <= from) {
            return "";
        }
        return new String(user.readRange(file, from, to), StandardCharsets.UTF_8);
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(text.split("\r?\n"));
    }
}
