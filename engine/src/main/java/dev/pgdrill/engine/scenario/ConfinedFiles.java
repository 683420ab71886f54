package dev.pgdrill.engine.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Files that a scenario names (its {@code seed:} files), and files read on a user's behalf: a scenario
 * may name only regular files inside its own directory tree, after every link is resolved, and every
 * read is bounded. The runner may run as root: without this, {@code seed: [/proc/self/environ]} or a
 * link to a root-only file would be read with root's rights.
 *
 * <p>Backends that open such a file call {@link #resolve} (again, at the time of use) and read the
 * returned path with {@link #read} or {@link #open}, never the name as written.
 */
public final class ConfinedFiles {
    private ConfinedFiles() {
    }

    /** Why a file cannot be used; the message completes "seed file 'x' ...". */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * The real path of the file {@code name} that the scenario {@code scenarioFile} names: relative to
     * the scenario's directory, inside that directory's tree once every link is resolved (of both), and a
     * regular file.
     *
     * @throws Refused saying why not (absolute, outside the tree, missing, not a regular file, unreadable)
     */
    public static Path resolve(Path scenarioFile, String name) throws Refused {
        if (name.indexOf('\0') >= 0) {
            throw new Refused("holds a NUL character");
        }
        Path written;
        try {
            written = Path.of(name);
        } catch (RuntimeException e) {
            throw new Refused("is not a file name");
        }
        if (written.isAbsolute()) {
            throw new Refused("is an absolute path: a scenario names only files in its own directory or below it");
        }
        Path dir = scenarioFile.toAbsolutePath().getParent();
        Path root;
        Path real;
        try {
            root = dir.toRealPath();
        } catch (IOException e) {
            throw new Refused("cannot be checked: the scenario's directory cannot be resolved (" + e.getMessage() + ")");
        }
        try {
            real = dir.resolve(written).toRealPath();
        } catch (NoSuchFileException e) {
            throw new Refused("does not exist");
        } catch (AccessDeniedException e) {
            throw new Refused("is not readable");
        } catch (IOException e) {
            throw new Refused("cannot be resolved: " + e.getMessage());
        }
        if (!real.startsWith(root)) {
            throw new Refused("is outside the scenario's directory (it resolves to " + real + "): a scenario names "
                    + "only files in its own directory or below it, links resolved");
        }
        return regularFile(real);
    }

    /**
     * {@code real} when it is a regular file (not a link, directory, device, pipe or socket) that can be read.
     *
     * @throws Refused saying why not
     */
    public static Path regularFile(Path real) throws Refused {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new Refused("does not exist");
        } catch (IOException e) {
            throw new Refused("cannot be read: " + e.getMessage());
        }
        if (a.isSymbolicLink()) {
            throw new Refused("is a symbolic link");
        }
        if (!a.isRegularFile()) {
            throw new Refused(a.isDirectory() ? "is a directory, not a file" : "is not a regular file (a device, pipe "
                    + "or socket)");
        }
        if (!Files.isReadable(real)) {
            throw new Refused("is not readable");
        }
        return real;
    }

    /**
     * Opens {@code file} for reading without following a link in its last component, once it is a
     * regular file ({@link #regularFile}).
     */
    public static InputStream open(Path file) throws Refused, IOException {
        regularFile(file);
        return Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The content of {@code file}, a regular file that is not a link, reading at most {@code maxBytes}.
     *
     * @throws Refused when it is not such a file, or is larger than {@code maxBytes} (however it grows while read)
     */
    public static byte[] read(Path file, int maxBytes) throws Refused, IOException {
        try (InputStream in = open(file)) {
            byte[] content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                throw new Refused("is too large (at most " + maxBytes / 1024 + " KiB)");
            }
            return content;
        }
    }
}
