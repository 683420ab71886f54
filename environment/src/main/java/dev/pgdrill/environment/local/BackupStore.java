package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.EnvironmentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Base backups and naive copies of a run, under {@code <work>/backups/<name>}. */
final class BackupStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern START_LSN = Pattern.compile("START WAL LOCATION: ([0-9A-F]+/[0-9A-F]+)");
    private static final Pattern START_TLI = Pattern.compile("START TIMELINE: (\\d+)");
    private static final Pattern END_LSN = Pattern.compile("\"End-LSN\"\\s*:\\s*\"([0-9A-F]+/[0-9A-F]+)\"");

    private final RunContext run;
    private final Map<String, BackupInfo> backups = new LinkedHashMap<>();

    BackupStore(RunContext run) {
        this.run = run;
    }

    Path dir(String name) {
        return run.backups().resolve(name);
    }

    /** pg_basebackup (fast checkpoint, WAL streamed alongside) of {@code node}, straight to its port. */
    BackupInfo baseBackup(LocalNode node, String name, Duration timeout) {
        Path target = reserve(name);
        run.pg("backup '" + name + "' of node '" + node.name() + "'", "pg_basebackup",
                List.of("-h", "127.0.0.1", "-p", Integer.toString(node.port()), "-U", RunContext.ADMIN, "-D",
                        target.toString(), "--checkpoint=fast", "-X", "stream", "--no-password"),
                run.clientEnv(node.port()), timeout);
        String label = read(target.resolve("backup_label"));
        String manifest = read(target.resolve("backup_manifest"));
        BackupInfo info = new BackupInfo(name, node.name(), find(START_LSN, label), lastMatch(END_LSN, manifest),
                OffsetDateTime.now(), false, Integer.parseInt(orElse(find(START_TLI, label), "0")));
        register(info);
        return info;
    }

    /** A plain recursive copy of the live data directory, no backup mode: files may be torn or missing. */
    BackupInfo naiveCopy(LocalNode node, String name) {
        Path target = reserve(name);
        copyTree(node.dataDir(), target);
        run.user().own(target);
        BackupInfo info = new BackupInfo(name, node.name(), null, null, OffsetDateTime.now(), true, 0);
        register(info);
        return info;
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

    private synchronized Path reserve(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new EnvironmentException("invalid backup name '" + name + "': use letters, digits, '.', '_' or '-'");
        }
        if (backups.containsKey(name) || Files.exists(dir(name))) {
            throw new EnvironmentException("a backup named '" + name + "' already exists in this run");
        }
        return dir(name);
    }

    private synchronized void register(BackupInfo info) {
        backups.put(info.name(), info);
    }

    /** Copies file by file; files that vanish while copying (the server is live) are skipped, as cp would. */
    static void copyTree(Path from, Path to) {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(entries::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new EnvironmentException("could not list " + from + " for copying: " + e.getMessage(), e);
        }
        for (Path source : entries) {
            Path dest = to.resolve(from.relativize(source).toString());
            try {
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                    Files.setPosixFilePermissions(dest, Files.getPosixFilePermissions(source));
                } else {
                    Files.copy(source, dest, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (NoSuchFileException e) {
                // removed by the running server since the listing
            } catch (IOException e) {
                throw new EnvironmentException("could not copy " + source + ": " + e.getMessage(), e);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String lastMatch(Pattern p, String text) {
        Matcher m = p.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
