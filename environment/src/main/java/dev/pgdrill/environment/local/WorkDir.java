package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.Names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The per-run work directory and its layout. */
final class WorkDir {
    static final List<String> SUBDIRS = List.of(Names.ARCHIVE, Names.BACKUPS, Names.LOGS, Names.SOCK);

    private WorkDir() {
    }

    /** A fresh path {@code <root>/pgdrill-<run>-<random>} (not created yet). */
    static Path choose(Path root, String runName) {
        String safe = runName == null ? "run" : runName.replaceAll("[^A-Za-z0-9_.-]", "-");
        if (safe.length() > 40) {
            safe = safe.substring(0, 40);
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        StringBuilder hex = new StringBuilder();
        for (byte b : random) {
            hex.append(String.format("%02x", b));
        }
        return root.toAbsolutePath().resolve("pgdrill-" + safe + "-" + hex);
    }

    /** Creates the directory and its layout, mode 0700, owned by the server user; the work root must exist. */
    static void create(Path dir, ServerUser user) {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (String sub : SUBDIRS) {
                Files.createDirectory(dir.resolve(sub),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new EnvironmentException("could not create the work directory " + dir + ": " + e.getMessage(), e);
        }
        if (user.switchesUser()) {
            AnchoredFiles.open(dir).ifPresent(user::anchor);   // still root's: nothing in it can be a planted link yet
        }
        user.own(dir);
        if (user.switchesUser()) {
            var probe = user.run(List.of("test", "-w", dir.toString()), Map.of(), null,
                    Duration.ofSeconds(10));
            if (!probe.succeeded()) {
                throw new EnvironmentException("the server user '" + user.name() + "' cannot reach the work directory "
                        + dir + " (a parent directory is not searchable for it): choose a work root such as /tmp (--work-root)");
            }
        }
    }

    /** Writes {@code text} into {@code file}, mode 0600, owned by the server user (the passfile, an init script). */
    static void writePrivate(Path file, String text, ServerUser user) {
        user.write(file, text.getBytes(StandardCharsets.UTF_8));   // as the server user: a planted link leads nowhere
    }
}
