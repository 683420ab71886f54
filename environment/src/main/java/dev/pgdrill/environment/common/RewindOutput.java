package dev.pgdrill.environment.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** pg_rewind's output as run with {@code --progress}: its lines for evidence, and how much it copied. */
public final class RewindOutput {
    private static final Pattern PROGRESS = Pattern.compile("(\\d+)/(\\d+) kB \\((\\d+)%\\) copied");

    private RewindOutput() {
    }

    /** The lines of {@code output} (stdout and stderr; progress reports end in a carriage return), none blank. */
    public static List<String> lines(String... output) {
        List<String> lines = new ArrayList<>();
        for (String part : output) {
            for (String line : part.split("[\\r\\n]+")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        }
        return lines;
    }

    /** The bytes of the last progress report (kB done, times 1024), or -1 when there is none. */
    public static long bytes(List<String> lines) {
        long bytes = -1;
        for (String line : lines) {
            Matcher m = PROGRESS.matcher(line);
            if (m.find()) {
                bytes = Long.parseLong(m.group(1)) * 1024;
            }
        }
        return bytes;
    }

    /** The lines without the intermediate progress reports (the last one kept). */
    public static List<String> evidence(List<String> lines) {
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (PROGRESS.matcher(lines.get(i)).find()) {
                last = i;
            }
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i == last || !PROGRESS.matcher(lines.get(i)).find()) {
                kept.add(lines.get(i));
            }
        }
        return kept;
    }
}
