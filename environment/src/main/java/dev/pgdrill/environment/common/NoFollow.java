package dev.pgdrill.environment.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Arrays;

/**
 * Reading and rewriting files in directories the server user controls (data directories, backups),
 * when the runner may be root: a symbolic link is never followed, a pipe or device is never opened,
 * and a file with more than one hard link is never read, so nothing the server user plants there
 * can make the runner read or write a file elsewhere on its behalf.
 */
public final class NoFollow {
    private NoFollow() {
    }

    /** True when {@code file} is a regular file itself (not a link to one). */
    public static boolean isRegularFile(Path file) {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** The text of {@code file}; an {@link IOException} naming why when it is not a plain regular file. */
    public static String read(Path file) throws IOException {
        return read(file, Integer.MAX_VALUE - 16);
    }

    /** As {@link #read(Path)}, but an {@link IOException} when it holds more than {@code max} bytes. */
    public static String read(Path file, long max) throws IOException {
        try (InputStream in = open(file)) {
            return new String(readBounded(in, max, file), StandardCharsets.UTF_8);
        }
    }

    /** The content of a plain regular file, opened without following a link; the caller closes it. */
    public static InputStream open(Path file) throws IOException {
        check(file);
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** A read stopped at its bound: the input holds more than the caller takes. */
    public static final class TooLarge extends IOException {
        TooLarge(Path what, long max) {
            super((what == null ? "the input" : what.toString()) + " is larger than " + max + " bytes");
        }
    }

    /** All of {@code in}, or {@link TooLarge} once more than {@code max} bytes came: the read itself is bounded. */
    public static byte[] readBounded(InputStream in, long max, Path what) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
        if (bytes.length > max) {
            throw new TooLarge(what, max);
        }
        return bytes;
    }

    /** Copies all of {@code in} to {@code out}, or throws {@link TooLarge} once more than {@code max} bytes came. */
    public static void copyBounded(InputStream in, OutputStream out, long max, Path what) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > max) {
                throw new TooLarge(what, max);
            }
            out.write(buf, 0, n);
        }
    }

    /**
     * Up to {@code length} bytes of {@code ch} from {@code from}: no more than it held when asked (a log that
     * grows meanwhile is read as it was), so the buffer is never larger than the file.
     */
    public static byte[] readAt(SeekableByteChannel ch, long from, long length) throws IOException {
        long available = Math.max(0, ch.size() - from);
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, Math.min(available, length)));
        ch.position(from);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
            // until full or at the end
        }
        return Arrays.copyOf(buf.array(), buf.position());
    }

    /**
     * Replaces {@code file} with {@code text}: written to a new file beside it, then renamed over it,
     * so a link in its place is replaced, not followed. An existing file's owner, group and mode are kept.
     */
    public static void replace(Path file, String text) throws IOException {
        PosixFileAttributes old = null;
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            check(file);
            old = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".pgdrill");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            if (old != null) {
                PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                view.setPermissions(old.permissions());
                view.setGroup(old.group());
                view.setOwner(old.owner());
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void check(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + " is a symbolic link (to " + Files.readSymbolicLink(file)
                    + "): the runner does not follow links in directories the server user controls");
        }
        if (!isRegularFile(file)) {
            throw new IOException(file + " is not a regular file: the runner does not open pipes or devices");
        }
        Object links = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        if (links instanceof Integer n && n > 1) {
            throw new IOException(file + " has " + n + " hard links: the runner does not read a file that may be "
                    + "another one elsewhere");
        }
    }
}
