package dev.pgdrill.engine.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * The one way report files are written: a plain file name of our own making, confined to the
 * report directory, never written through a symbolic link. A file is written next to its target
 * under a fresh temporary name (created exclusively, not following links) and moved into place
 * atomically, so a reader never sees half a file and a link planted at the target is refused.
 */
public final class ReportPaths {
    /** What a report file name may look like: no separators, no leading dot, nothing to escape. */
    static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private ReportPaths() {
    }

    /**
     * The file {@code name} inside {@code dir}.
     *
     * @throws IllegalArgumentException when {@code name} is not a plain file name or would leave {@code dir}
     */
    public static Path confined(Path dir, String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("refusing report file name '" + name + "': not a plain file name");
        }
        Path root = dir.toAbsolutePath().normalize();
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root) || !root.equals(file.getParent())) {
            throw new IllegalArgumentException("refusing report file '" + name + "': it would leave " + root);
        }
        return file;
    }

    /**
     * Writes {@code content} (UTF-8) as {@code dir/name}, creating {@code dir} if needed.
     *
     * @return the file written
     * @throws UncheckedIOException naming the file when it cannot be written, or when a symbolic
     *                              link or a directory stands where the file goes
     */
    public static Path write(Path dir, String name, String content) {
        Path file = confined(dir, name);
        Path tmp = file.resolveSibling("." + name + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            if (Files.isSymbolicLink(file)) {
                throw new IOException("a symbolic link stands there; refusing to write through it");
            }
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("a directory stands there");
            }
            Files.deleteIfExists(tmp); // a leftover of a run cut short, or a planted link: removed, never followed
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write failure is what the caller needs to hear about
            }
            throw new UncheckedIOException("cannot write report file " + file + ": " + reason(e), e);
        }
    }

    /** The operating system's words for a failure, without the exception class. */
    public static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException f) {
            return "a file stands where a directory is needed: " + f.getFile();
        }
        if (e instanceof NotDirectoryException f) {
            return "not a directory: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file or directory: " + f.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
