package dev.pgdrill.environment.local;

import dev.pgdrill.environment.common.NoFollow;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and plain writes of the run's files by root without a process, and without following anything the server user could
 * have changed: the work directory is opened once, while it is still root's and before the server user gets
 * it, and every later read walks from that open directory one name at a time, refusing links at every step
 * ({@code openat} with {@code O_NOFOLLOW} underneath, through {@link SecureDirectoryStream}). Renaming the work
 * directory, or swapping a directory inside it for a link, cannot redirect such a read. Only regular files are
 * opened, so a pipe cannot stall it.
 */
final class AnchoredFiles implements Closeable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path root;
    private final SecureDirectoryStream<Path> anchor;

    private AnchoredFiles(Path root, SecureDirectoryStream<Path> anchor) {
        this.root = root;
        this.anchor = anchor;
    }

    /** Opens {@code workDir} (just created by root, not yet given away); empty where the platform cannot. */
    static Optional<AnchoredFiles> open(Path workDir) {
        try {
            DirectoryStream<Path> ds = Files.newDirectoryStream(workDir);
            if (ds instanceof SecureDirectoryStream<Path> sds) {
                return Optional.of(new AnchoredFiles(workDir.toAbsolutePath().normalize(), sds));
            }
            ds.close();
        } catch (IOException e) {
            // no anchor: reads go through the server user
        }
        return Optional.empty();
    }

    /** Whether {@code file} lies under the anchored directory (reads elsewhere are not this class's). */
    boolean covers(Path file) {
        Path p = file.toAbsolutePath().normalize();
        return p.startsWith(root) && !p.equals(root);
    }

    /** The attributes of {@code file} itself, or empty when it or a directory on the way is missing or a link. */
    Optional<BasicFileAttributes> attributes(Path file) {
        try (Walk w = walk(file)) {
            return Optional.of(w.stat());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Up to {@code length} bytes of the regular file {@code file} from {@code from}; empty when it is not one. */
    Optional<byte[]> read(Path file, long from, long length) {
        try (Walk w = walk(file)) {
            return w.stat().isRegularFile() ? Optional.of(w.readAt(from, length)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * All of the regular file {@code file} (one walk, one open), or empty when nothing is there (or a directory
     * on the way is missing or a link); an {@link IOException} saying why for a link, a pipe or a device in its
     * place, or a file larger than {@code max}.
     */
    Optional<byte[]> readFile(Path file, long max) throws IOException {
        Walk w;
        try {
            w = walk(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        try (w) {
            BasicFileAttributes a;
            try {
                a = w.stat();
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            if (a.isSymbolicLink()) {
                throw new IOException("it is a symbolic link: the runner does not follow links in directories drill "
                        + "code can change");
            }
            if (!a.isRegularFile()) {
                throw new IOException("it is not a regular file: the runner does not open pipes or devices");
            }
            if (a.size() > max) {
                throw new IOException("it is larger than " + max + " bytes");
            }
            return Optional.of(w.readAt(0, max));
        }
    }

    /**
     * Writes {@code content} to {@code file} as a new file of {@code owner}'s, mode 0600 (or {@code keepMode}'s
     * mode and owner when it replaces a regular file): written beside it under a fresh name, then renamed over
     * it, so whatever stood at the name (a link too) is replaced, never followed.
     *
     * @return false when the path cannot be walked (a directory on the way is missing or a link)
     */
    boolean write(Path file, byte[] content, UserPrincipal owner, GroupPrincipal group, boolean keepMode)
            throws IOException {
        Walk w;
        try {
            w = walk(file);
        } catch (IOException e) {
            return false;
        }
        try (w) {
            PosixFileAttributeView target = w.dir.getFileAttributeView(w.name, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributes old = null;
            if (keepMode) {
                try {
                    old = target.readAttributes();
                } catch (NoSuchFileException e) {
                    // a new file
                }
                if (old != null && !old.isRegularFile()) {
                    throw new IOException(file + (old.isSymbolicLink() ? " is a symbolic link: the runner does not follow "
                            + "links in directories drill code can change" : " is not a regular file"));
                }
            }
            Path tmp = Path.of("." + w.name + ".pgdrill-" + Long.toHexString(RANDOM.nextLong()));
            try (SeekableByteChannel ch = w.dir.newByteChannel(tmp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            try {
                PosixFileAttributeView view = w.dir.getFileAttributeView(tmp, PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                view.setOwner(old != null ? old.owner() : owner);
                view.setGroup(old != null ? old.group() : group);
                if (old != null) {
                    view.setPermissions(old.permissions());
                }
                w.dir.move(tmp, w.dir, w.name);
            } catch (IOException | RuntimeException e) {
                w.dir.deleteFile(tmp);
                throw e;
            }
            return true;
        }
    }

    /**
     * Removes {@code file} when it is not a directory (a link is removed itself). False when it is a directory
     * or the path cannot be walked: the caller removes those otherwise.
     */
    boolean deleteFile(Path file) {
        try (Walk w = walk(file)) {
            BasicFileAttributes a;
            try {
                a = w.stat();
            } catch (NoSuchFileException e) {
                return true;
            }
            if (a.isDirectory()) {
                return false;
            }
            w.dir.deleteFile(w.name);
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The directories from the anchor to {@code file}'s parent, each opened without following a link. */
    private Walk walk(Path file) throws IOException {
        Path rel = root.relativize(file.toAbsolutePath().normalize());
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        SecureDirectoryStream<Path> dir = anchor;
        try {
            for (int i = 0; i < rel.getNameCount() - 1; i++) {
                dir = dir.newDirectoryStream(rel.getName(i), LinkOption.NOFOLLOW_LINKS);
                opened.add(dir);
            }
        } catch (IOException | RuntimeException e) {
            for (SecureDirectoryStream<Path> d : opened) {
                d.close();
            }
            throw e instanceof IOException io ? io : new IOException(e);
        }
        return new Walk(dir, rel.getFileName(), opened);
    }

    private record Walk(SecureDirectoryStream<Path> dir, Path name, List<SecureDirectoryStream<Path>> opened)
            implements Closeable {
        /** The attributes of the name itself ({@code fstatat} without following a link). */
        BasicFileAttributes stat() throws IOException {
            return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        }

        /** Up to {@code length} bytes from {@code from}, opened without following a link. */
        byte[] readAt(long from, long length) throws IOException {
            try (SeekableByteChannel ch = dir.newByteChannel(name, Set.of(StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS))) {
                return NoFollow.readAt(ch, from, length);
            }
        }

        @Override
        public void close() throws IOException {
            for (SecureDirectoryStream<Path> d : opened) {
                d.close();
            }
        }
    }

    @Override
    public void close() {
        try {
            anchor.close();
        } catch (IOException ignored) {
            // closing a directory handle
        }
    }
}
