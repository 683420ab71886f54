package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.ChildEnv;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.environment.common.ChildEnvironment;
import dev.pgdrill.environment.common.ChildProcesses;
import dev.pgdrill.environment.common.Directories;
import dev.pgdrill.environment.common.NoFollow;
import dev.pgdrill.environment.common.ToolClock;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one place that decides what the local backend does as root. Everything a drill can influence
 * runs as the OS user that owns the servers: the current user, or (when the runner is root, which
 * PostgreSQL refuses) the configured unprivileged user through {@code setpriv} or {@code runuser}.
 *
 * <p>When the runner is root, this class guarantees:
 * <ul>
 *   <li>Commands: the only programs that run as root before the drop are {@code setpriv}/{@code runuser}
 *       (and, with a run cgroup, a fixed {@code sh} line that joins it), with the runner's own built
 *       environment ({@link ChildEnvironment}); a drill's variables ({@code exec} steps' {@code env:}) are
 *       handed over on standard input and set only after the drop, and the variables the dynamic loader
 *       and C library obey ({@link ChildEnv#refusal}) are refused outright.</li>
 *   <li>Files in the run's work directory, which drill code can change (a seed's {@code \!}, {@code COPY ...
 *       TO PROGRAM}, an {@code exec} step), are written, read and deleted ({@link #write}, {@link #read},
 *       {@link #readRange}, {@link #size}, {@link #delete}) from the handle on the work directory taken while
 *       it was root's ({@link AnchoredFiles}: a link is refused at every step), or else by the server user
 *       itself: a link planted there can only ever lead to what the server user could reach anyway.</li>
 *   <li>Membership: with a {@link RunCgroup}, every process started for the run joins the run's
 *       cgroup before the drop, so whatever it starts, however it detaches, dies with the run.</li>
 * </ul>
 * When the runner is not root it is the server user: the same operations then run in the JVM, with
 * links still refused ({@link NoFollow}). Output goes to files rather than pipes, so a command that
 * leaves a background process behind (pg_ctl starting a postmaster) never blocks the reader.
 */
final class ServerUser {
    /** Reads of the run's files are bounded: no server log, config or pid file the runner reads is near this. */
    static final long MAX_READ = 64L * 1024 * 1024;
    /** After the drop: reads NAME=VALUE records (NUL-terminated) from standard input, sets them, runs "$@". */
    private static final String SET_ENV_THEN_EXEC =
            "while IFS= read -r -d '' kv; do export \"$kv\" || exit 125; done; exec \"$@\" </dev/null";

    private final String name;
    private final boolean switchUser;
    private final List<String> prefix;
    private final AtomicReference<RunCgroup> cgroup;
    private final AtomicReference<AnchoredFiles> anchored = new AtomicReference<>();
    private volatile UserPrincipal ownerPrincipal;
    private volatile GroupPrincipal groupPrincipal;

    private ServerUser(String name, boolean switchUser, List<String> prefix, RunCgroup cgroup) {
        this.name = name;
        this.switchUser = switchUser;
        this.prefix = prefix;
        this.cgroup = new AtomicReference<>(cgroup);
    }

    /** The same user for one run, whose commands join the run's cgroup once it has one ({@link #join}). */
    ServerUser forRun() {
        return new ServerUser(name, switchUser, prefix, null);
    }

    /** From now on every command of this run's user joins {@code runCgroup} first. */
    void join(RunCgroup runCgroup) {
        cgroup.set(runCgroup);
    }

    /**
     * Reads under the run's work directory from now on go through {@code reads} (opened while the directory was
     * still root's): in the JVM, without a process, and still never through a link.
     */
    void anchor(AnchoredFiles reads) {
        AnchoredFiles old = anchored.getAndSet(reads);
        if (old != null) {
            old.close();
        }
    }

    /** Closes the run's anchor, if any (the clean-up's last step). */
    void closeAnchor() {
        anchor(null);
    }

    /** Files up to this size are written in the JVM from the anchor; larger ones (seeds) by the server user. */
    private static final long SMALL_FILE = 16L * 1024 * 1024;

    /** The server user, looked up once per run (not at every write). */
    private UserPrincipal owner() throws IOException {
        UserPrincipal u = ownerPrincipal;
        if (u == null) {
            u = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
            ownerPrincipal = u;
        }
        return u;
    }

    /** The server user's primary group, looked up once per run ({@code /etc/passwd}, then the group). */
    private GroupPrincipal group() throws IOException {
        GroupPrincipal g = groupPrincipal;
        if (g == null) {
            g = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(primaryGroup(name));
            groupPrincipal = g;
        }
        return g;
    }

    private AnchoredFiles anchorFor(Path file) {
        AnchoredFiles a = anchored.get();
        return a != null && a.covers(file) ? a : null;
    }

    /** The run's cgroup, or {@code null}. */
    RunCgroup cgroup() {
        return cgroup.get();
    }

    /** The user that runs servers: {@code osUser} when the JVM runs as root, else the current user. */
    static ServerUser forCurrentProcess(String osUser) {
        if (!isRoot()) {
            return new ServerUser(System.getProperty("user.name"), false, List.of(), null);
        }
        String user = osUser == null || osUser.isBlank() ? "postgres" : osUser;
        if (onPath("setpriv")) {
            return new ServerUser(user, true, List.of("setpriv", "--reuid=" + user, "--regid=" + primaryGroup(user),
                    "--init-groups", "--"), null);
        }
        if (onPath("runuser")) {
            return new ServerUser(user, true, List.of("runuser", "-u", user, "--"), null);
        }
        throw new EnvironmentException("the runner runs as root, which PostgreSQL refuses, and neither setpriv nor "
                + "runuser is available to start servers as '" + user + "': install util-linux or run as a normal user");
    }

    String name() {
        return name;
    }

    boolean switchesUser() {
        return switchUser;
    }

    /**
     * Makes {@code path} (recursively) owned by this user, when the runner is root. Links are
     * changed themselves, never followed ({@code -P -h}): a planted link cannot give its target away.
     */
    void own(Path path) {
        if (!switchUser) {
            return;
        }
        ExecResult r = runRaw(List.of("chown", "-R", "-P", "-h", name + ":", path.toString()), Map.of(), null,
                Duration.ofSeconds(60));
        if (!r.succeeded()) {
            throw new EnvironmentException("could not give " + path + " to user '" + name + "': " + r.stderr().trim());
        }
    }

    /**
     * Runs {@code command} as this user in {@code workDir}, with {@code env} (the runner's own values) added
     * to an environment built on purpose ({@link ChildEnvironment}: none of the caller's {@code PG*}
     * variables). At the timeout the command and its descendants are killed and exit code 124 is returned
     * with a note in stderr.
     */
    ExecResult run(List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
        return run(command, env, Map.of(), workDir, timeout);
    }

    /**
     * As {@link #run(List, Map, Path, Duration)}, plus {@code drillEnv}: variables a drill chose, which
     * are set only after the drop to this user (never in a process that runs as root).
     */
    ExecResult run(List<String> command, Map<String, String> env, Map<String, String> drillEnv, Path workDir,
                   Duration timeout) {
        refuseUnsafe(drillEnv);
        RunCgroup group = cgroup.get();
        List<String> full = new ArrayList<>(group == null ? List.of() : group.joinPrefix());
        full.addAll(prefix);
        byte[] input = null;
        if (drillEnv.isEmpty()) {
            full.addAll(command);
        } else if (switchUser) {
            full.addAll(List.of("bash", "-c", SET_ENV_THEN_EXEC, "pgdrill-env"));
            full.addAll(command);
            input = records(drillEnv);
        } else {
            full.addAll(command);
            Map<String, String> all = new HashMap<>(env);
            all.putAll(drillEnv);
            env = all;
        }
        return runRaw(full, env, workDir, timeout, input == null ? null : Input.of(input));
    }

    /**
     * Refuses what validation refuses too ({@link ChildEnv#refusal}: the loader's variables and the like), so no
     * front end that skipped validation can hand them to a command either.
     */
    static void refuseUnsafe(Map<String, String> drillEnv) {
        for (Map.Entry<String, String> e : drillEnv.entrySet()) {
            String refusal = ChildEnv.refusal(e.getKey());
            if (refusal != null) {
                throw new EnvironmentException(refusal);
            }
            if (e.getValue() != null && e.getValue().indexOf('\0') >= 0) {
                throw new EnvironmentException("the value of " + e.getKey() + " holds a NUL character");
            }
        }
    }

    private static byte[] records(Map<String, String> env) {
        StringBuilder b = new StringBuilder();
        env.forEach((k, v) -> b.append(k).append('=').append(v == null ? "" : v).append('\0'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** As {@link #run}, but a non-zero exit becomes an {@link EnvironmentException} naming {@code what}. */
    ExecResult runChecked(String what, List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
        ExecResult r = run(command, env, workDir, timeout);
        if (!r.succeeded()) {
            throw new EnvironmentException(what + " failed (`" + String.join(" ", command) + "` exited with "
                    + r.exitCode() + "): " + tail(r.stderr().isBlank() ? r.stdout() : r.stderr(), 15));
        }
        return r;
    }

    static ExecResult runRaw(List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
        return runRaw(command, env, workDir, timeout, null);
    }

    /** Runs {@code command} as it is; {@code input}, when given, is its standard input, else /dev/null. */
    static ExecResult runRaw(List<String> command, Map<String, String> env, Path workDir, Duration timeout,
                             Input input) {
        Path out = null;
        Path err = null;
        // The output goes to files, not pipes: a server a tool starts may keep the descriptors open for good. The
        // runner keeps its own handles and removes the names as soon as the command runs, so a runner killed
        // with -9 leaves no file behind (the data lives on while a handle is open).
        try (FileChannel outRead = FileChannel.open(out = Files.createTempFile("pgdrill-cmd", ".out"));
             FileChannel errRead = FileChannel.open(err = Files.createTempFile("pgdrill-cmd", ".err"))) {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(input == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                            : ProcessBuilder.Redirect.PIPE);
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            ChildEnvironment.apply(pb, ChildEnvironment.forTools(System.getenv(), workDir), env);
            long started = System.nanoTime();
            Process p;
            try {
                p = pb.start();
            } finally {
                deleteQuietly(out);
                deleteQuietly(err);
            }
            if (input != null) {
                try (OutputStream in = p.getOutputStream()) {
                    NoFollow.copyBounded(input.in(), in, input.max(), input.what());
                } catch (NoFollow.TooLarge e) {
                    ChildProcesses.kill(p, Duration.ofSeconds(5));
                    throw e;
                } catch (IOException e) {
                    // the command ended without reading all of it: its exit code says what happened
                }
            }
            boolean done;
            try {
                done = p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
                if (!done) {
                    ChildProcesses.kill(p, Duration.ofSeconds(5));
                }
            } catch (InterruptedException e) {
                // a stopped set-up or step leaves no tool writing into the run's directories
                ChildProcesses.kill(p, Duration.ofSeconds(5));
                throw e;
            } finally {
                ToolClock.add(System.nanoTime() - started);
            }
            // lossy: a command's output need not be UTF-8, and what it printed never decides its outcome
            String stdout = new String(readAll(outRead), StandardCharsets.UTF_8);
            String stderr = new String(readAll(errRead), StandardCharsets.UTF_8);
            if (!done) {
                return new ExecResult(124, stdout, stderr + "\n[pgdrill] killed after timeout of " + timeout);
            }
            return new ExecResult(p.exitValue(), stdout, stderr);
        } catch (IOException e) {
            throw new EnvironmentException("could not run `" + String.join(" ", command) + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while running `" + String.join(" ", command) + "`", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    // The run's files. As root: from the handle on the work directory taken while it was root's
    // (AnchoredFiles, a link refused at every step), else by a short command of the server user's, so the path
    // is resolved with its rights: a link in the work directory (or a directory swapped for one) leads nowhere
    // it could not go itself. Not root, the runner is that user, and the JVM does the same directly.

    /** Writes {@code content} to {@code file}, mode 0600: whatever is at that name (a link too) is replaced. */
    void write(Path file, byte[] content) {
        write(file, new ByteArrayInputStream(content), content.length);
    }

    /** As {@link #write(Path, byte[])}, from a stream of at most {@code max} bytes (more is an error). */
    void write(Path file, InputStream content, long max) {
        AnchoredFiles a = switchUser && max <= SMALL_FILE ? anchorFor(file) : null;
        if (a != null) {
            try {
                byte[] bytes = NoFollow.readBounded(content, max, file);
                if (a.write(file, bytes, owner(), group(), false)) {
                    return;
                }
                content = new ByteArrayInputStream(bytes);
            } catch (IOException e) {
                throw new EnvironmentException("could not write " + file + ": " + e.getMessage(), e);
            }
        }
        if (!switchUser) {
            try {
                Files.deleteIfExists(file);
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    NoFollow.copyBounded(content, out, max, file);
                }
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                throw new EnvironmentException("could not write " + file + ": " + e.getMessage(), e);
            }
            return;
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("sh", "-c", "umask 077 && rm -f -- \"$1\" && exec cat > \"$1\"", "pgdrill-write",
                file.toString()));
        ExecResult r = runRaw(command, Map.of(), null, Duration.ofMinutes(10), new Input(content, max, file));
        if (!r.succeeded()) {
            throw new EnvironmentException("writing " + file + " as user '" + name + "' failed: " + tail(r.stderr(), 3));
        }
    }

    /** Standard input for a command: at most {@code max} bytes of {@code in}; more fails the command. */
    record Input(InputStream in, long max, Path what) {
        static Input of(byte[] bytes) {
            return new Input(new ByteArrayInputStream(bytes), bytes.length, null);
        }
    }

    /** Replaces {@code file}'s text, keeping its mode; a link in its place is refused, never followed. */
    void replace(Path file, String text) {
        AnchoredFiles a = switchUser ? anchorFor(file) : null;
        if (a != null) {
            try {
                if (a.write(file, text.getBytes(StandardCharsets.UTF_8), owner(), group(), true)) {
                    return;
                }
            } catch (IOException e) {
                throw new EnvironmentException("could not write " + file + ": " + e.getMessage(), e);
            }
        }
        if (!switchUser) {
            try {
                NoFollow.replace(file, text);
            } catch (IOException e) {
                throw new EnvironmentException("could not write " + file + ": " + e.getMessage(), e);
            }
            return;
        }
        asUser("writing " + file, text.getBytes(StandardCharsets.UTF_8), "t=\"$1.pgdrill-new\"; rm -f -- \"$t\" "
                + "&& (umask 077 && cat > \"$t\") && { chmod --reference=\"$1\" -- \"$t\" 2>/dev/null || true; } "
                + "&& mv -f -- \"$t\" \"$1\"", file.toString());
    }

    /** The text of {@code file}, which must be a regular file (not a link, pipe or device), at most {@link #MAX_READ}. */
    String read(Path file) {
        return readIfPresent(file).orElseThrow(() -> new EnvironmentException("could not read " + file
                + ": no such file"));
    }

    /** As {@link #read}, but empty when nothing is at {@code file}; anything but a regular file is still an error. */
    Optional<String> readIfPresent(Path file) {
        AnchoredFiles a = switchUser ? anchorFor(file) : null;
        if (a != null) {
            try {
                return a.readFile(file, MAX_READ).map(b -> new String(b, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new EnvironmentException("could not read " + file + ": " + e.getMessage(), e);
            }
        }
        if (!switchUser) {
            try {
                return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(NoFollow.read(file, MAX_READ))
                        : Optional.empty();
            } catch (IOException e) {
                throw new EnvironmentException("could not read " + file + ": " + e.getMessage(), e);
            }
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("sh", "-c", "if [ -L \"$1\" ]; then echo \"$1 is a symbolic link: the runner does not follow "
                + "links in directories drill code can change\" >&2; exit 3; fi; if [ -e \"$1\" ] && [ ! -f \"$1\" ]; "
                + "then echo \"$1 is not a regular file: the runner does not open pipes or devices\" >&2; exit 3; fi; "
                + "[ -e \"$1\" ] || exit 4; exec head -c \"$2\" -- \"$1\"", "pgdrill-read", file.toString(),
                Long.toString(MAX_READ)));
        ExecResult r = runRaw(command, Map.of(), null, Duration.ofSeconds(60));
        if (r.exitCode() == 4) {
            return Optional.empty();
        }
        if (!r.succeeded()) {
            throw new EnvironmentException("could not read " + file + " as user '" + name + "': " + tail(r.stderr(), 3));
        }
        return Optional.of(r.stdout());
    }

    /** True when {@code file} is a regular file itself (not a link to one), as the server user sees it. */
    boolean isRegularFile(Path file) {
        AnchoredFiles a = switchUser ? anchorFor(file) : null;
        if (a != null) {
            return a.attributes(file).map(BasicFileAttributes::isRegularFile).orElse(false);
        }
        if (!switchUser) {
            return NoFollow.isRegularFile(file);
        }
        return asUserSucceeds("sh", "-c", "[ -f \"$1\" ] && [ ! -L \"$1\" ]", "pgdrill-test", file.toString());
    }

    /** The size of {@code file} in bytes, 0 when it is missing or not a regular file. */
    long size(Path file) {
        AnchoredFiles a = switchUser ? anchorFor(file) : null;
        if (a != null) {
            return a.attributes(file).filter(BasicFileAttributes::isRegularFile).map(BasicFileAttributes::size).orElse(0L);
        }
        if (!switchUser) {
            try {
                return NoFollow.isRegularFile(file) ? Files.size(file) : 0;
            } catch (IOException e) {
                return 0;
            }
        }
        ExecResult r = runRaw(concat(prefix, List.of("sh", "-c", "[ -f \"$1\" ] && [ ! -L \"$1\" ] && exec stat -c %s "
                + "-- \"$1\"", "pgdrill-size", file.toString())), Map.of(), null, Duration.ofSeconds(30));
        try {
            return r.succeeded() ? Long.parseLong(r.stdout().trim()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The bytes of {@code file} from {@code from} (inclusive) to {@code to} (exclusive), bounded by {@link #MAX_READ}. */
    byte[] readRange(Path file, long from, long to) {
        long length = Math.min(MAX_READ, Math.max(0, to - from));
        if (length == 0) {
            return new byte[0];
        }
        AnchoredFiles a = switchUser ? anchorFor(file) : null;
        if (a != null) {
            return a.read(file, from, length).orElse(new byte[0]);
        }
        if (!switchUser) {
            if (!NoFollow.isRegularFile(file)) {
                return new byte[0];
            }
            try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                return NoFollow.readAt(ch, from, length);
            } catch (IOException e) {
                return new byte[0];
            }
        }
        ExecResult r = runRaw(concat(prefix, List.of("sh", "-c", "[ -f \"$1\" ] && [ ! -L \"$1\" ] || exit 3; "
                + "tail -c +\"$2\" -- \"$1\" | head -c \"$3\"", "pgdrill-range", file.toString(),
                Long.toString(from + 1), Long.toString(length))), Map.of(), null, Duration.ofSeconds(30));
        return r.succeeded() ? r.stdout().getBytes(StandardCharsets.UTF_8) : new byte[0];
    }

    /** Deletes each of {@code paths} and everything below it; a missing path is fine. */
    void delete(Path... paths) {
        if (!switchUser) {
            for (Path path : paths) {
                Directories.deleteRecursively(path);
            }
            return;
        }
        List<String> args = new ArrayList<>();
        for (Path path : paths) {
            AnchoredFiles a = anchorFor(path);
            if (a == null || !a.deleteFile(path)) {
                args.add(path.toString());   // a directory, or not under the anchor: the server user removes it
            }
        }
        if (args.isEmpty()) {
            return;
        }
        paths = args.stream().map(Path::of).toArray(Path[]::new);
        EnvironmentException failed = null;
        try {
            asUser("removing " + args, null, "exec rm -rf -- \"$@\"", args.toArray(String[]::new));
        } catch (EnvironmentException e) {
            failed = e;
        }
        for (Path path : paths) {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            // Left over: fine only where the server user cannot change the parent (a work root of root's), so
            // that nothing on the way can have been swapped; then root ends the job itself.
            Path parent = path.toAbsolutePath().getParent();
            if (parent == null || asUserSucceeds("test", "-w", parent.toString())) {
                throw failed != null ? failed : new EnvironmentException("could not remove " + path);
            }
            try {
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && isEmpty(path)) {
                    Files.deleteIfExists(path);   // emptied by the server user, whose parent it could not write
                    continue;
                }
            } catch (IOException e) {
                throw new EnvironmentException("could not remove " + path + ": " + e.getMessage(), e);
            }
            if (asUserSucceeds("test", "-x", parent.toString())) {
                throw failed != null ? failed : new EnvironmentException("could not remove " + path);
            }
            Directories.deleteRecursively(path);   // the server user cannot even reach it, so cannot have changed it
        }
    }

    private boolean asUserSucceeds(String... command) {
        return runRaw(concat(prefix, List.of(command)), Map.of(), null, Duration.ofSeconds(30)).succeeded();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private String asUser(String what, byte[] input, String script, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("sh", "-c", script, "pgdrill-file"));
        command.addAll(List.of(args));
        ExecResult r = runRaw(command, Map.of(), null, Duration.ofSeconds(60), input == null ? null : Input.of(input));
        if (!r.succeeded()) {
            throw new EnvironmentException(what + " as user '" + name + "' failed: " + tail(r.stderr(), 3));
        }
        return r.stdout();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", Arrays.asList(all).subList(from, all.length));
    }

    /** Everything in {@code channel}'s file, from its start. */
    private static byte[] readAll(FileChannel channel) throws IOException {
        channel.position(0);
        return Channels.newInputStream(channel).readAllBytes();
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    /** Whether the runner runs as root (see {@link ProcTable#runnerIsRoot()}). */
    static boolean isRoot() {
        return ProcTable.runnerIsRoot();
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : (path + ":/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String primaryGroup(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 3 && f[0].equals(user)) {
                    return f[3];
                }
            }
        } catch (IOException e) {
            // fall through
        }
        throw new EnvironmentException("the runner runs as root and PostgreSQL must run as an unprivileged user, but "
                + "user '" + user + "' does not exist: create it (e.g. `useradd --system postgres`, or install the "
                + "postgresql package which creates it) or choose another with the OS user option");
    }
}
