package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.Names;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backups of a run by name, the chain each incremental one builds on, and what a base backup's
 * {@code backup_label} and {@code backup_manifest} say about it.
 */
public final class BackupCatalog {
    private static final Pattern START_LSN = Pattern.compile("START WAL LOCATION: ([0-9A-F]+/[0-9A-F]+)");
    private static final Pattern START_TLI = Pattern.compile("START TIMELINE: (\\d+)");
    private static final Pattern END_LSN = Pattern.compile("\"End-LSN\"\\s*:\\s*\"([0-9A-F]+/[0-9A-F]+)\"");

    private final Map<String, BackupInfo> backups = new LinkedHashMap<>();

    /**
     * Checks that {@code name} is usable ({@link Names#backupProblem}) and taken neither in
     * this catalog nor by {@code taken} (a backend's own test, such as an existing directory).
     */
    public synchronized void reserve(String name, Predicate<String> taken) {
        String problem = Names.backupProblem(name);
        if (problem != null) {
            throw new EnvironmentException(problem);
        }
        if (backups.containsKey(name) || taken.test(name)) {
            throw new EnvironmentException("a backup named '" + name + "' already exists in this run");
        }
    }

    public synchronized void register(BackupInfo info) {
        backups.put(info.name(), info);
    }

    /**
     * Registers base backup {@code name} of {@code fromNode}, taken now: start LSN and timeline from
     * its {@code backup_label} text, end LSN from its {@code backup_manifest} text.
     */
    public BackupInfo registerBase(String name, String fromNode, String label, String manifest) {
        return registerBase(name, fromNode, label, manifest, null);
    }

    /**
     * As {@link #registerBase(String, String, String, String)}; with a {@code parent} (not null) the backup is
     * an incremental one that holds only the changes since {@code parent}, the latest earlier backup of its chain.
     */
    public BackupInfo registerBase(String name, String fromNode, String label, String manifest, BackupInfo parent) {
        BackupInfo info = new BackupInfo(name, fromNode, startLsn(label), endLsn(manifest), OffsetDateTime.now(), false,
                startTimeline(label), parent == null ? BackupType.FULL : BackupType.INCR,
                parent == null ? null : parent.name());
        register(info);
        return info;
    }

    /** The latest base backup (not a naive copy) taken so far, which an incremental one builds on; null when none. */
    public synchronized BackupInfo latestBase() {
        List<BackupInfo> real = backups.values().stream().filter(b -> !b.naive()).toList();
        return real.isEmpty() ? null : real.get(real.size() - 1);
    }

    /**
     * {@code backup} and the backups it builds on, oldest (the full one) first: what a restore of an
     * incremental backup combines.
     *
     * @throws EnvironmentException when a backup of the chain is no longer in the catalogue
     */
    public synchronized List<BackupInfo> chain(BackupInfo backup) {
        List<BackupInfo> chain = new ArrayList<>();
        for (BackupInfo b = backup; b != null; ) {
            chain.add(0, b);
            if (b.parent() == null) {
                break;
            }
            BackupInfo parent = backups.get(b.parent());
            if (parent == null || chain.contains(parent)) {
                throw new EnvironmentException("backup '" + backup.name() + "' builds on '" + b.parent()
                        + "', which is no longer in this run's catalogue: its chain cannot be restored");
            }
            b = parent;
        }
        return chain;
    }

    /** Registers naive copy {@code name} of {@code fromNode}, taken now (no LSNs, no timeline). */
    public BackupInfo registerNaive(String name, String fromNode) {
        BackupInfo info = new BackupInfo(name, fromNode, null, null, OffsetDateTime.now(), true, 0);
        register(info);
        return info;
    }

    /** Forgets backup {@code name} (a tool expired it); nothing when it is not there. */
    public synchronized void remove(String name) {
        backups.remove(name);
    }

    public synchronized List<BackupInfo> list() {
        return List.copyOf(backups.values());
    }

    /** The named backup, or the latest base backup (not a naive copy) when {@code name} is null. */
    public synchronized BackupInfo resolve(String name) {
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

    /** The start LSN in a {@code backup_label} (or pg_basebackup's copy of it), or null. */
    public static String startLsn(String label) {
        Matcher m = START_LSN.matcher(label);
        return m.find() ? m.group(1) : null;
    }

    /** The start timeline in a {@code backup_label}, 0 when absent. */
    public static int startTimeline(String label) {
        Matcher m = START_TLI.matcher(label);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The last {@code End-LSN} in a {@code backup_manifest}, or null. */
    public static String endLsn(String manifest) {
        Matcher m = END_LSN.matcher(manifest);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }
}
