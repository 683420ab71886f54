package dev.pgdrill.environment.common;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a run's work directories go (data directories, archive, backups, logs): the root the user
 * chose, else, for the local backend, a memory file system when there is one with room, else the
 * JVM's temporary directory.
 *
 * <p>A drill's data is thrown away at its end and no drill simulates a lost machine (a killed server
 * keeps what the kernel holds), so nothing a drill shows depends on the disk. What does depend on it
 * is time: on this machine type a file creation on ext4 costs about 0.6 ms, and every data directory
 * copy (template, standby, base backup, restore) creates about 1,300 files, so each copy took about a
 * second on disk and a tenth of that in {@code /dev/shm} (bench/README.md). A memory root is used only
 * with {@link #MEMORY_MIN_FREE} free, so a container's 64 MB {@code /dev/shm} or a nearly full one is
 * left alone.
 */
public final class WorkRoots {
    /** The variable that chooses the work root. */
    public static final String VARIABLE = "PGDRILL_WORK_ROOT";
    /** The memory file system tried when no root was chosen. */
    public static final Path MEMORY = Path.of("/dev/shm");
    /** Free space a memory root must have to be used: room for a few drills of a large seed. */
    public static final long MEMORY_MIN_FREE = 2L << 30;
    /** The JVM's own {@code java.io.tmpdir} on Linux, i.e. not chosen by anyone. */
    private static final String JVM_DEFAULT_TMPDIR = "/tmp";

    private WorkRoots() {
    }

    /**
     * The root the user chose: {@code $PGDRILL_WORK_ROOT}, else {@code java.io.tmpdir} when it was set
     * (it is not the JVM's default {@code /tmp}); null when none was chosen.
     */
    public static Path chosen(Function<String, String> env, String tmpdir) {
        String explicit = env.apply(VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        if (tmpdir != null && !tmpdir.isBlank() && !Path.of(tmpdir).normalize().equals(Path.of(JVM_DEFAULT_TMPDIR))) {
            return Path.of(tmpdir);
        }
        return null;
    }

    /**
     * The local backend's root when none was chosen: {@code memory} when it is a directory on a memory
     * file system ({@code tmpfs}) that this process may write, with at least {@code minFree} bytes free;
     * else {@code fallback}.
     */
    public static Path automatic(Path memory, long minFree, Path fallback) {
        return memoryWithRoom(memory, minFree) ? memory : fallback;
    }

    /** {@link #automatic(Path, long, Path)} with {@code /dev/shm}, 2 GiB and {@code java.io.tmpdir}. */
    public static Path automatic() {
        return automatic(MEMORY, MEMORY_MIN_FREE, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** {@code root}, with "(memory)" when it is on a memory file system: the run's {@code work-root} fact. */
    public static String describe(Path root) {
        return isMemory(root) ? root + " (memory)" : root.toString();
    }

    static boolean memoryWithRoom(Path dir, long minFree) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(dir) || !isMemory(dir)) {
            return false;
        }
        try {
            return Files.getFileStore(dir).getUsableSpace() >= minFree;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code dir} is on a {@code tmpfs} (or {@code ramfs}) file system. */
    static boolean isMemory(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            return store.type().equals("tmpfs") || store.type().equals("ramfs");
        } catch (IOException e) {
            return false;
        }
    }
}
