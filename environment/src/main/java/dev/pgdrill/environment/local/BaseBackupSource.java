package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupSource;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Names;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;
import dev.pgdrill.engine.env.SourceState;
import dev.pgdrill.environment.common.ArchiveRecovery;
import dev.pgdrill.environment.common.BackupCatalog;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code pg_basebackup} directory (plain, or tar with {@code -Ft}, gzip too) and a WAL archive directory as a
 * drill's source. Everything is read as the server user: the backup is copied (plain) or extracted (tar) into the
 * sandbox node, and {@code restore_command} copies from the archive into the node's own {@code pg_wal}, never the
 * other way. The backup's start comes from its {@code backup_label}, its stop from the backup history file
 * ({@code <segment>.<offset>.backup}) the archive holds, else from {@code backup_manifest}.
 */
final class BaseBackupSource implements SourceProvider {
    private static final Pattern SEGMENT = Pattern.compile("[0-9A-F]{24}");
    private static final Pattern START = Pattern.compile("START WAL LOCATION: ([0-9A-F]+/[0-9A-F]+) \\(file ([0-9A-F]{24})\\)");
    private static final Pattern STOP = Pattern.compile("STOP WAL LOCATION: ([0-9A-F]+/[0-9A-F]+)");
    static final Pattern START_TIME = Pattern.compile("START TIME: (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) (\\S+)");
    static final Pattern STOP_TIME = Pattern.compile("STOP TIME: (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) (\\S+)");
    private static final Pattern LABEL = Pattern.compile("LABEL: (.*)");
    private static final Duration READ = Duration.ofSeconds(60);

    private final RunContext run;
    private final BackupSource source;
    private final Map<String, String> drillSettings;
    private String name;
    private SourceState.Backup backup;
    private String version;

    BaseBackupSource(RunContext run, BackupSource source, Map<String, String> drillSettings) {
        this.run = run;
        this.source = source;
        this.drillSettings = drillSettings;
    }

    @Override
    public BackupTool tool() {
        return BackupTool.defaultTool();
    }

    @Override
    public synchronized String describe() {
        if (version == null) {
            ExecResult r = run.pgUnchecked("pg_basebackup", List.of("--version"), Map.of(), Duration.ofSeconds(30));
            version = r.succeeded() ? r.stdout().strip().replaceFirst("^pg_basebackup \\(PostgreSQL\\) ", "") : "";
        }
        return version.isEmpty() ? tool().key() : tool().key() + " " + version;
    }

    /** Copies from the archive if the segment is there (a miss is silent: recovery then ends the archive). */
    @Override
    public String restoreCommand() {
        String file = source.wal() + "/%f";
        return "[ -f '" + file + "' ] && cp '" + file + "' '%p'";
    }

    @Override
    public synchronized void open(Duration timeout) {
        describe();
        String dir = source.dir().toString();
        check(List.of("test", "-d", dir, "-a", "-r", dir, "-a", "-x", dir), "the backup directory " + dir
                + " is not a readable directory for the server user (" + run.user().name() + ")");
        check(List.of("test", "-d", source.wal().toString(), "-a", "-r", source.wal().toString()), "the WAL archive "
                + source.wal() + " is not a readable directory for the server user (" + run.user().name() + ")");
        SourceProvider.checkVersion(run, major(), "backup " + dir);
        String label = labelText();
        Matcher start = START.matcher(label);
        if (!start.find()) {
            throw new EnvironmentException("the backup_label of " + dir + " names no START WAL LOCATION: not a "
                    + "pg_basebackup backup");
        }
        String historyName = historyFile(start.group(1), start.group(2));
        String history = historyName == null ? "" : readOrEmpty(source.wal().resolve(historyName).toString());
        String manifest = readOrEmpty(source.dir().resolve("backup_manifest").toString());
        String stopLsn = history.isEmpty() ? BackupCatalog.endLsn(manifest) : find(STOP, history);
        OffsetDateTime stopTime = history.isEmpty() ? null : time(STOP_TIME, history);
        if (stopTime == null) {
            // the history file is written when the backup stops, the manifest at its very end
            stopTime = mtime(historyName != null ? source.wal().resolve(historyName).toString()
                    : source.dir().resolve("backup_manifest").toString());
        }
        Matcher l = LABEL.matcher(label);
        String labelText = l.find() ? l.group(1).strip() : "";
        String fileName = source.dir().getFileName() == null ? "" : source.dir().getFileName().toString();
        name = Names.backupProblem(fileName) == null ? fileName : "base";
        backup = new SourceState.Backup(name, labelText.isEmpty() ? name : labelText, time(START_TIME, label), stopTime,
                start.group(1), stopLsn);
    }

    /** {@code backup_label}: a file of a plain backup, a member of {@code base.tar[.gz]} of a tar one. */
    private String labelText() {
        return member("backup_label");
    }

    /** The backup's PostgreSQL major ({@code PG_VERSION}), or 0 when it does not say. */
    private int major() {
        try {
            return Integer.parseInt(member("PG_VERSION").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The text of {@code name} in the backup: a file of a plain one, a member of {@code base.tar[.gz]} of a tar one. */
    private String member(String name) {
        if (isPlain()) {
            return readOrEmpty(source.dir().resolve(name).toString());
        }
        String tar = baseTar();
        ExecResult r = run.user().run(List.of("tar", "-xOf", tar, name), Map.of(), run.workDir(), READ);
        if (!r.succeeded()) {
            throw new EnvironmentException("could not read " + name + " from " + tar + ": " + r.stderr().strip());
        }
        return r.stdout();
    }

    private boolean isPlain() {
        return run.user().run(List.of("test", "-f", source.dir().resolve("PG_VERSION").toString()), Map.of(),
                run.workDir(), READ).succeeded();
    }

    /** {@code base.tar}, {@code base.tar.gz}; an error naming what the directory holds when neither is there. */
    private String baseTar() {
        for (String candidate : List.of("base.tar", "base.tar.gz")) {
            String path = source.dir().resolve(candidate).toString();
            if (run.user().run(List.of("test", "-f", path), Map.of(), run.workDir(), READ).succeeded()) {
                return path;
            }
        }
        throw new EnvironmentException(source.dir() + " is neither a plain pg_basebackup directory (PG_VERSION) nor a "
                + "tar one (base.tar or base.tar.gz); it holds: " + String.join(", ", listing(source.dir().toString(),
                "%f")));
    }

    /** The name of the backup history file of the backup that started at {@code lsn} in {@code segment}, or null. */
    private String historyFile(String lsn, String segment) {
        for (String f : listing(source.wal().toString(), "%f")) {
            if (f.startsWith(segment + ".") && f.endsWith(".backup")
                    && readOrEmpty(source.wal().resolve(f).toString()).contains("START WAL LOCATION: " + lsn + " ")) {
                return f;
            }
        }
        return null;
    }

    @Override
    public synchronized void refresh(BackupCatalog catalog) {
        if (backup != null && catalog.list().stream().noneMatch(b -> b.name().equals(name))) {
            int timeline = Integer.parseInt(startSegment().substring(0, 8), 16);
            catalog.register(new BackupInfo(name, "source", backup.startLsn(), backup.stopLsn(), backup.stopTime(),
                    false, timeline));
        }
    }

    private String startSegment() {
        Matcher m = START.matcher(labelText());
        return m.find() ? m.group(2) : "00000001";
    }

    @Override
    public synchronized SourceState state() {
        String newest = null;
        long newestTime = 0;
        Map<Long, Integer> sizes = new LinkedHashMap<>();
        Map<String, Long> segments = new LinkedHashMap<>();
        for (String line : listing(source.wal().toString(), "%T@ %s %f")) {
            String[] parts = line.split(" ", 3);
            if (parts.length != 3 || !SEGMENT.matcher(parts[2]).matches()) {
                continue;
            }
            long size = Long.parseLong(parts[1]);
            segments.put(parts[2], size);
            sizes.merge(size, 1, Integer::sum);
            if (newest == null || parts[2].compareTo(newest) > 0) {
                newest = parts[2];
                newestTime = (long) (Double.parseDouble(parts[0]) * 1000);
            }
        }
        // the segment size is the size most segments have (a power of two from 1 MB, as initdb --wal-segsize allows)
        long segmentSize = sizes.entrySet().stream().filter(e -> Long.bitCount(e.getKey()) == 1
                && e.getKey() >= 1 << 20).max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0L);
        List<String> damaged = new ArrayList<>();
        segments.forEach((name, size) -> {
            if (segmentSize > 0 && size != segmentSize) {
                damaged.add("segment " + name + " is " + size + " bytes, not " + segmentSize + " as the others "
                        + "(truncated?)");
            }
        });
        return new SourceState(source, describe(), backup == null ? List.of() : List.of(backup), newest,
                newest == null ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(newestTime), ZoneOffset.UTC),
                segmentSize, damaged);
    }

    /**
     * Replaces the node's data with the backup (a copy of a plain one; the tar members extracted, {@code pg_wal.tar}
     * into {@code pg_wal}), then the sandbox settings and archive recovery to {@code target} from the source's archive.
     */
    @Override
    public void restoreInto(LocalNode node, BackupInfo info, RecoveryTarget target, RestoreAction action,
                            Duration timeout) {
        run.user().delete(node.dataDir());
        String data = node.dataDir().toString();
        if (isPlain()) {
            // a plain backup's tablespaces are links to where they were written (production's paths, maybe)
            List<String> tablespaces = listing(source.dir().resolve("pg_tblspc").toString(), "%f", true);
            if (!tablespaces.isEmpty()) {
                throw new EnvironmentException("backup " + source.dir() + " has tablespaces (pg_tblspc: "
                        + String.join(", ", tablespaces) + "): restoring tablespaces from a source is not supported yet");
            }
            run.user().runChecked("copying backup " + source.dir() + " into node '" + node.name() + "'",
                    List.of("cp", "-R", "--preserve=mode,timestamps", source.dir().toString(), data), Map.of(),
                    run.workDir(), timeout);
            run.user().runChecked("data directory mode", List.of("chmod", "0700", data), Map.of(), run.workDir(), timeout);
        } else {
            List<String> tars = listing(source.dir().toString(), "%f").stream().filter(f -> f.matches(".*\\.tar(\\.gz)?"))
                    .toList();
            for (String tar : tars) {
                if (!tar.matches("(base|pg_wal)\\.tar(\\.gz)?")) {
                    throw new EnvironmentException("backup " + source.dir() + " holds " + tar + ", a tablespace: "
                            + "restoring tablespaces from a source is not supported yet");
                }
            }
            run.user().runChecked("creating node '" + node.name() + "'", List.of("mkdir", "-m", "0700", data), Map.of(),
                    run.workDir(), timeout);
            extract(baseTar(), data, timeout);
            for (String tar : tars) {
                if (tar.startsWith("pg_wal.")) {
                    extract(source.dir().resolve(tar).toString(), data + "/pg_wal", timeout);
                }
            }
        }
        Map<String, String> recovery = new LinkedHashMap<>();
        ArchiveRecovery.put(recovery, restoreCommand(), target, action);
        SourceSandbox.apply(run, node, recovery, drillSettings);
    }

    private void extract(String tar, String into, Duration timeout) {
        run.user().runChecked("extracting " + tar, List.of("tar", "-xf", tar, "-C", into), Map.of(), run.workDir(),
                timeout);
    }

    @Override
    public List<String> archiveListing() {
        return listing(source.wal().toString(), "%f");
    }

    private List<String> listing(String dir, String format) {
        return listing(dir, format, false);
    }

    /** The regular files of {@code dir} (with {@code anyKind}: every entry, links too), one line each in {@code format}. */
    private List<String> listing(String dir, String format, boolean anyKind) {
        List<String> command = new ArrayList<>(List.of("find", dir, "-mindepth", "1", "-maxdepth", "1"));
        if (!anyKind) {
            command.addAll(List.of("-type", "f"));
        }
        command.addAll(List.of("-printf", format + "\\n"));
        ExecResult r = run.user().run(command, Map.of(), run.workDir(), READ);
        if (!r.succeeded()) {
            throw new EnvironmentException("could not list " + dir + " as the server user: " + r.stderr().strip());
        }
        List<String> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    private void check(List<String> test, String message) {
        if (!run.user().run(test, Map.of(), run.workDir(), READ).succeeded()) {
            throw new EnvironmentException(message);
        }
    }

    private String readOrEmpty(String path) {
        ExecResult r = run.user().run(List.of("cat", "--", path), Map.of(), run.workDir(), READ);
        return r.succeeded() ? r.stdout() : "";
    }

    private OffsetDateTime mtime(String path) {
        ExecResult r = run.user().run(List.of("stat", "-c", "%Y", "--", path), Map.of(), run.workDir(), READ);
        return r.succeeded() ? OffsetDateTime.ofInstant(Instant.ofEpochSecond(Long.parseLong(r.stdout().strip())),
                ZoneOffset.UTC) : null;
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /**
     * {@code 2026-12-07 12:00:01 UTC} as PostgreSQL writes it in backup files (in its {@code log_timezone}); null
     * when the zone is not one that names a single offset: UTC, GMT, a numeric offset or a region ({@code
     * Europe/Paris}, {@code CET}). An abbreviation such as {@code BST} or {@code IST} means different zones in
     * different places, so it gives no time rather than a wrong one.
     */
    static OffsetDateTime time(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return null;
        }
        String name = m.group(2);
        if (!name.matches("UTC|GMT|[+-]\\d\\d(:?\\d\\d)?|[A-Za-z_]+/[A-Za-z_/+-]+|CET|EET|WET|MET")) {
            return null;
        }
        try {
            ZoneId zone = name.matches("[+-].*") ? ZoneOffset.of(name) : ZoneId.of(name);
            return LocalDateTime.parse(m.group(1).replace(' ', 'T')).atZone(zone).toOffsetDateTime();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
