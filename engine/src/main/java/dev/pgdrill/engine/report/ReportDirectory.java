package dev.pgdrill.engine.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report directory held by one run: checked (a directory we can write) before anything runs,
 * and locked so that two runs given the same directory do not overwrite each other's reports.
 *
 * <p>The lock is {@value #LOCK} in the directory, holding the owner's PID and start time, and
 * locked with an operating-system file lock. The kernel drops that lock when the owner exits in
 * any way (even {@code kill -9}), so a lock file whose lock nobody holds is stale and is taken
 * over; a held one is refused with the owner's PID and start. {@link #close()} removes the file.
 * Paths stay stable ({@code junit.xml} where CI looks for it), unlike a subdirectory per run.
 */
public final class ReportDirectory implements AutoCloseable {
    /** The lock file's name inside the report directory. */
    public static final String LOCK = ".pgdrill.lock";
    private static final Pattern PID = Pattern.compile("(?m)^pid=(\\d+)$");
    private static final Pattern SINCE = Pattern.compile("(?m)^since=(\\S+)$");

    private final Path dir;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final String staleOwner;

    private ReportDirectory(Path dir, Path lockFile, FileChannel channel, FileLock lock, String staleOwner) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        this.staleOwner = staleOwner;
    }

    /**
     * Creates {@code dir} if needed, proves it writable and locks it for this process.
     *
     * @throws IllegalArgumentException saying what is wrong: not a directory, cannot be created or
     *                                  written, or in use by another run (its PID and start)
     */
    public static ReportDirectory acquire(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IllegalArgumentException("report directory " + dir + " is a file, not a directory");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create report directory " + dir + ": " + ReportPaths.reason(e), e);
        }
        Path lockFile = root.resolve(LOCK);
        for (int attempt = 0; attempt < 10; attempt++) {
            ReportDirectory held = tryLock(dir, root, lockFile);
            if (held != null) {
                return held;
            }
        }
        throw new IllegalArgumentException("cannot lock report directory " + dir + ": " + lockFile
                + " keeps being replaced by other runs");
    }

    /** Locks the file now at {@code lockFile}; null when it was replaced meanwhile (try again). */
    private static ReportDirectory tryLock(Path dir, Path root, Path lockFile) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process, through another channel
            }
            String previous = read(channel);
            if (lock == null) {
                throw new IllegalArgumentException("report directory " + dir + " is in use by " + owner(previous)
                        + " (lock file " + lockFile + "); give this run another --report-dir, or wait for that run to end");
            }
            String mine = "pid=" + ProcessHandle.current().pid() + "\nsince=" + Instant.now() + "\nrun=" + UUID.randomUUID() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(mine.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            if (!mine.equals(contentAt(lockFile))) { // the file we locked was removed or replaced by its owner
                lock.release();
                channel.close();
                return null;
            }
            ReportDirectory held = new ReportDirectory(root, lockFile, channel, lock,
                    previous.isBlank() ? null : owner(previous));
            channel = null;
            return held;
        } catch (IOException e) {
            throw new IllegalArgumentException("report directory " + dir + " is not writable: " + ReportPaths.reason(e), e);
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing held
                }
            }
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512);
        channel.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    private static String contentAt(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /** {@code run PID 123 since 2026-...Z} from a lock file's text. */
    private static String owner(String content) {
        Matcher pid = PID.matcher(content);
        Matcher since = SINCE.matcher(content);
        return "run PID " + (pid.find() ? pid.group(1) : "?") + (since.find() ? " since " + since.group(1) : "");
    }

    /** The directory held. */
    public Path dir() {
        return dir;
    }

    /** The run whose stale lock was taken over ({@code run PID N since T}), or null. */
    public String staleOwner() {
        return staleOwner;
    }

    /** Removes the lock file and releases the lock. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(lockFile); // while still holding it: whoever opens the path next gets a fresh file
        } catch (IOException ignored) {
            // a lock file left behind is stale once released, and taken over by the next run
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the kernel drops the lock with the channel or the process anyway
        }
    }
}
