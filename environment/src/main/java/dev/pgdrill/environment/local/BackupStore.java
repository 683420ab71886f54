package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.environment.common.BackupCatalog;
import dev.pgdrill.environment.common.Directories;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Base backups and naive copies of a run, under {@code <work>/backups/<name>}. */
final class BackupStore {
    private static final String WAL_DIR = "pg_wal";
    private final RunContext run;
    private final BackupCatalog catalog = new BackupCatalog();

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
        return catalog.registerBase(name, node.name(), read(target.resolve("backup_label")),
                read(target.resolve("backup_manifest")));
    }

    /** A plain recursive copy of the live data directory, no backup mode: files may be torn or missing. */
    BackupInfo naiveCopy(LocalNode node, String name) {
        Path target = reserve(name);
        copyTree(node.dataDir(), target, p -> false);
        run.user().own(target);
        return catalog.registerNaive(name, node.name());
    }

    /**
     * A naive copy taken in two parts: {@code pg_wal} first, then {@code midway}, then everything
     * else (pg_control included). A failure anywhere removes the partial copy and is passed on.
     */
    BackupInfo naiveCopy(LocalNode node, String name, Runnable midway) {
        Path target = reserve(name);
        Path data = node.dataDir();
        try {
            Files.createDirectories(target);
            Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(data));
            copyTree(data.resolve(WAL_DIR), target.resolve(WAL_DIR), p -> false);
            midway.run();
            copyTree(data, target, p -> p.startsWith(data.resolve(WAL_DIR)));
        } catch (IOException e) {
            Directories.deleteRecursively(target);
            throw new EnvironmentException("could not create " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            Directories.deleteRecursively(target);
            throw e;
        }
        run.user().own(target);
        return catalog.registerNaive(name, node.name());
    }

    List<BackupInfo> list() {
        return catalog.list();
    }

    /** The named backup, or the latest base backup (not a naive copy) when {@code name} is null. */
    BackupInfo resolve(String name) {
        return catalog.resolve(name);
    }

    /** Checks the name (an existing directory of that name counts as taken) and returns the backup's directory. */
    private Path reserve(String name) {
        catalog.reserve(name, n -> Files.exists(dir(n)));
        return dir(name);
    }

    /**
     * Copies file by file, leaving out what {@code skip} matches; files that vanish while copying
     * (the server is live) are skipped, as cp would.
     */
    static void copyTree(Path from, Path to, Predicate<Path> skip) {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.filter(skip.negate()).forEach(entries::add);
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
}
