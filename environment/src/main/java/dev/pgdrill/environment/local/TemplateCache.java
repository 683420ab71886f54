package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.environment.common.Directories;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The cluster template cache of the local backend: one entry per {@link TemplateKey}, a directory
 * {@code <dir>/<key hash>/} holding {@code data/} (a seeded, cleanly shut-down data directory without
 * any run's password, paths or ports) and its {@link TemplateManifest}.
 *
 * <p>Safety: the cache directory is created mode 0700 and used only while it is owned by the runner's
 * user and writable by nobody else; an entry that is not (or whose listing no longer matches its
 * manifest) is moved aside and rebuilt, with a warning. An entry is built in a temporary directory,
 * synced, then renamed into place, under a per-key lock ({@link FileChannel#lock}) so parallel runs
 * never build one key twice at once. Copies never follow links and a template holds only directories
 * and regular files.
 */
public final class TemplateCache {
    private static final Map<String, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);
    private static final String DATA = "data";
    private final Path dir;

    public TemplateCache(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    /**
     * Creates the cache directory if missing (mode 0700) and checks it: null when usable, else why not
     * (it is then not used at all, and nothing in it is touched).
     */
    String refusal() {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException raced) {
                    // another run created it meanwhile: checked below like any other
                }
            }
            return untrusted(dir);
        } catch (IOException | RuntimeException e) {
            return "could not create it: " + e.getMessage();
        }
    }

    /**
     * Null when {@code path} is a directory (not a link) owned by this process's user and writable by no one
     * else, and every directory above it is root's or this user's and writable by no one else unless sticky
     * (as {@code /tmp} is): then no one else can put anything in the cache's place.
     */
    static String untrusted(Path path) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        for (Path up = abs.getParent(); up != null; up = up.getParent()) {
            if (Files.isSymbolicLink(up)) {
                up = up.toRealPath();   // a link root (or this user) made, such as /var/run: judge what it names
            }
            Object owner = Files.getAttribute(up, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(up, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            boolean sticky = (mode & 01000) != 0;
            if (!owner.equals(0) && !owner.equals(Ids.uid())) {
                return "the directory above it, " + up + ", is owned by uid " + owner;
            }
            if ((mode & 0022) != 0 && !sticky) {
                return "the directory above it, " + up + ", is writable by others";
            }
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return Files.isSymbolicLink(path) ? "it is a symbolic link" : "it is not a directory";
        }
        Object owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(Ids.uid())) {
            return "it is owned by uid " + owner + ", not by this runner's (" + Ids.uid() + ")";
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (perms.stream().anyMatch(OTHERS_WRITE::contains)) {
            return "it is writable by others (" + PosixFilePermissions.toString(perms) + ")";
        }
        return null;
    }

    /**
     * The entry of {@code key} when it is trusted and whole. One that is not is moved aside (deleted by
     * the next build of its key or by {@code runner cache clear}) with a warning, and empty is returned.
     */
    Optional<Path> lookup(TemplateKey key) {
        Path entry = dir.resolve(key.hash());
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String problem;
        try {
            problem = untrusted(entry);
            if (problem == null) {
                TemplateManifest manifest = TemplateManifest.read(entry);
                if (manifest == null || !manifest.get("key").equals(key.hash())) {
                    problem = "its manifest is missing or names another key (a half-written entry)";
                } else if (!manifest.matches(TemplateManifest.list(entry.resolve(DATA)))) {
                    problem = "its files do not match its manifest (a file was removed or changed)";
                }
            }
        } catch (IOException e) {
            problem = e.getMessage();
        }
        if (problem == null) {
            return Optional.of(entry);
        }
        System.err.println("pgdrill: warning: cluster template " + entry + " is not used: " + problem
                + "; building a fresh one");
        moveAside(entry);
        return Optional.empty();
    }

    private void moveAside(Path entry) {
        try {
            Files.move(entry, dir.resolve(".bad-" + entry.getFileName().toString().substring(0, 16) + "-" + random()),
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EnvironmentException("could not move the unusable cluster template " + entry + " aside: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Holds the build lock of {@code key} (in this process and across processes) until closed; waits
     * for another build of the same key at most {@code timeout}. Removes what earlier, interrupted
     * builds of this key left behind.
     */
    Held lock(TemplateKey key, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key.hash(), k -> new ReentrantLock());
        try {
            if (!local.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw timedOut(key, timeout);
            }
            FileChannel channel = FileChannel.open(dir.resolve(key.hash() + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock held;
            while ((held = tryLock(channel)) == null) {
                if (System.nanoTime() > deadline) {
                    channel.close();
                    local.unlock();
                    throw timedOut(key, timeout);
                }
                Thread.sleep(20);
            }
            removeLeftovers(key);
            FileLock file = held;
            return () -> {
                try {
                    file.release();
                    channel.close();
                } catch (IOException e) {
                    // closing the channel releases the lock in any case
                } finally {
                    local.unlock();
                }
            };
        } catch (IOException e) {
            if (local.isHeldByCurrentThread()) {
                local.unlock();
            }
            throw new EnvironmentException("could not lock the cluster template " + key.hash() + " in " + dir + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            if (local.isHeldByCurrentThread()) {
                local.unlock();
            }
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while waiting for the cluster template lock in " + dir, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private EnvironmentException timedOut(TemplateKey key, Duration timeout) {
        return new EnvironmentException("timed out after " + timeout.toSeconds() + "s waiting for another run to "
                + "finish building cluster template " + key.hash() + " in " + dir);
    }

    private void removeLeftovers(TemplateKey key) throws IOException {
        String prefix = key.hash().substring(0, 16);
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".tmp-" + prefix) || name.startsWith(".bad-" + prefix)) {
                    Directories.deleteRecursively(p);
                }
            }
        }
    }

    /**
     * Stores the cleanly shut-down data directory {@code dataDir} as the entry of {@code key} (the caller
     * holds its lock): copied (links as links) into a temporary directory owned by this user, listed
     * (anything but directories and regular files refuses it), the manifest written, synced, renamed into
     * place. Returns null when stored, else why not (nothing is left behind then).
     */
    String store(TemplateKey key, Path dataDir) {
        Path tmp = dir.resolve(".tmp-" + key.hash().substring(0, 16) + "-" + random());
        try {
            Files.createDirectory(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            copy(dataDir, tmp.resolve(DATA));
            if (ServerUser.isRoot()) {
                checked(List.of("chown", "-R", "-P", "-h", Ids.uid() + ":" + Ids.gid(), tmp.resolve(DATA).toString()),
                        "taking ownership of the template copy");
            }
            TemplateManifest.of(key, TemplateManifest.list(tmp.resolve(DATA))).write(tmp);
            checked(List.of("sync", "-f", tmp.resolve(TemplateManifest.FILE).toString()), "syncing the template");
            try {
                Files.move(tmp, dir.resolve(key.hash()), StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException lost) {
                Directories.deleteRecursively(tmp); // another run stored it first: keep theirs
            }
            return null;
        } catch (IOException | RuntimeException e) {
            try {
                Directories.deleteRecursively(tmp);
            } catch (RuntimeException ignored) {
                // reported below; the next build of this key removes it
            }
            return e.getMessage();
        }
    }

    /**
     * Copies the entry's data directory to {@code target} (which must not exist), owned by {@code user}:
     * into a fresh private directory under {@code staging} first (on the target's file system), then
     * renamed into place, so nothing at {@code target} is ever followed.
     */
    void checkout(Path entry, Path target, ServerUser user, Path staging) {
        copyDataDir(entry.resolve(DATA), target, user, staging, staged -> {
        });
    }

    /** The data directory of {@code entry} (a path returned by {@link #lookup}). */
    static Path dataDir(Path entry) {
        return entry.resolve(DATA);
    }

    /**
     * Copies the cleanly shut-down data directory {@code from} to {@code target} (which must not exist)
     * as {@link #checkout} does; {@code prepare} edits the staged copy, already {@code user}'s, through
     * {@code user} before it is renamed into place.
     */
    static void copyDataDir(Path from, Path target, ServerUser user, Path staging, Consumer<Path> prepare) {
        Path stage = null;
        try {
            stage = Files.createTempDirectory(staging, ".pgdrill-template-");
            // root's, searchable but not writable by the server user: the copy's name in it cannot be swapped
            Files.setPosixFilePermissions(stage, PosixFilePermissions.fromString("rwx--x--x"));
            Path copy = stage.resolve(DATA);
            copy(from, copy);
            user.own(copy);
            prepare.accept(copy);   // as the server user: the copy is the template's, which a drill's seed shaped
            Files.move(copy, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EnvironmentException("could not copy cluster template " + from + " to " + target + ": "
                    + e.getMessage(), e);
        } finally {
            if (stage != null) {
                Directories.deleteRecursively(stage);
            }
        }
    }

    /** {@code cp -a} (links copied as links, reflinks where the file system has them) into a new {@code to}. */
    private static void copy(Path from, Path to) {
        checked(List.of("cp", "-a", "--no-dereference", "--reflink=auto", "--", from.toString(), to.toString()),
                "copying " + from + " to " + to);
    }

    private static void checked(List<String> command, String what) {
        ExecResult r = ServerUser.runRaw(command, Map.of(), null, Duration.ofMinutes(5));
        if (!r.succeeded()) {
            throw new EnvironmentException(what + " failed: " + ServerUser.tail(r.stderr() + r.stdout(), 5));
        }
    }

    /** The entries (complete or not) with their manifest's facts, for {@code runner cache list}. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return entries;
        }
        refuseUntrusted("list");
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.sorted().toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    TemplateManifest m = TemplateManifest.read(p);
                    entries.add(new Entry(p.getFileName().toString(), m == null ? Map.of() : m.fields(), size(p)));
                }
            }
        } catch (IOException e) {
            throw new EnvironmentException("could not list the cluster template cache " + dir + ": " + e.getMessage(), e);
        }
        return entries;
    }

    private void refuseUntrusted(String what) {
        String why;
        try {
            why = untrusted(dir);
        } catch (IOException e) {
            why = e.getMessage();
        }
        if (why != null) {
            throw new EnvironmentException("will not " + what + " the cluster template cache " + dir + ": " + why);
        }
    }

    /** Removes everything in the cache directory (the directory stays); returns how many entries there were. */
    public int clear() {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        refuseUntrusted("clear");
        int n = 0;
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !p.getFileName().toString().startsWith(".")) {
                    n++;
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Directories.deleteRecursively(p);
                } else {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new EnvironmentException("could not clear the cluster template cache " + dir + ": " + e.getMessage(), e);
        }
        return n;
    }

    private static long size(Path p) {
        try (Stream<Path> files = Files.walk(p)) {
            return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String random() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A held lock; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * One directory of the cache.
     *
     * @param name  the key's hash, or {@code .tmp-...} / {@code .bad-...} for leftovers
     * @param facts its manifest's fields (empty when it has none)
     * @param bytes its size on disk (file sizes)
     */
    public record Entry(String name, Map<String, String> facts, long bytes) {
    }
}
