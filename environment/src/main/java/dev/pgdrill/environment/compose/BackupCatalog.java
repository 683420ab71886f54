package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.EnvironmentException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The backups of a run (kept in the project's backups volume under their names). */
final class BackupCatalog {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern START_LSN = Pattern.compile("START WAL LOCATION: ([0-9A-F]+/[0-9A-F]+)");
    private static final Pattern START_TLI = Pattern.compile("START TIMELINE: (\\d+)");
    private static final Pattern END_LSN = Pattern.compile("\"End-LSN\"\\s*:\\s*\"([0-9A-F]+/[0-9A-F]+)\"");

    private final Map<String, BackupInfo> backups = new LinkedHashMap<>();

    /** Checks that {@code name} is usable and not taken. */
    synchronized void reserve(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new EnvironmentException("invalid backup name '" + name + "': use letters, digits, '.', '_' or '-'");
        }
        if (backups.containsKey(name)) {
            throw new EnvironmentException("a backup named '" + name + "' already exists in this run");
        }
    }

    synchronized void register(BackupInfo info) {
        backups.put(info.name(), info);
    }

    synchronized List<BackupInfo> list() {
        return List.copyOf(backups.values());
    }

    /** The named backup, or the latest base backup (not a naive copy) when {@code name} is null. */
    synchronized BackupInfo resolve(String name) {
        if (name == null) {
            List<BackupInfo> real = backups.values().stream().filter(b -> !b.naive()).toList();
            if (real.isEmpty()) {
                throw new EnvironmentException("restore from the latest backup: no base backup was taken in this run "
                        + "(add a backup step before the restore)");
            }
            return real.get(real.size() - 1);
        }
        BackupInfo info = backups.get(name);
        if (info == null) {
            throw new EnvironmentException("no backup named '" + name + "' (taken so far: "
                    + (backups.isEmpty() ? "none" : String.join(", ", backups.keySet())) + ")");
        }
        return info;
    }

    static String startLsn(String text) {
        return find(START_LSN, text);
    }

    static int startTimeline(String text) {
        String t = find(START_TLI, text);
        return t == null ? 0 : Integer.parseInt(t);
    }

    static String endLsn(String text) {
        Matcher m = END_LSN.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
