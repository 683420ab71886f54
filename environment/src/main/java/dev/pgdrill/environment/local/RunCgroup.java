package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.wait.Poller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One run's cgroup (version 2): the membership that decides which processes belong to a run. Every
 * command the run starts as the server user joins it before the privilege drop ({@link #joinPrefix}),
 * and the kernel keeps every descendant in it, whatever it does to leave the run's process tree
 * ({@code setsid}, double forks, a new command line). The clean-up kills the whole group at once
 * ({@code cgroup.kill}) and removes it; the {@code Reaper} does the same when the runner was killed.
 *
 * <p>Used when the runner is root and a cgroup2 hierarchy is mounted and writable; elsewhere (a
 * runner that is not root, which is the server user itself) the run's processes are found by their
 * command line naming the work directory, as before.
 */
final class RunCgroup {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private final Path dir;

    private RunCgroup(Path dir) {
        this.dir = dir;
    }

    /** A new cgroup named {@code name} for one run, or {@code null} when this host offers none to root. */
    static RunCgroup create(String name) {
        if (!name.matches("[A-Za-z0-9_.-]+") || !ProcTable.runnerIsRoot()) {
            return null;
        }
        for (Path mount : mounts()) {
            Path dir = mount.resolve(name);
            try {
                Files.createDirectory(dir);
            } catch (IOException e) {
                continue;
            }
            if (Files.isRegularFile(dir.resolve("cgroup.procs"))) {
                return new RunCgroup(dir);
            }
            try {
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // not a cgroup after all: an empty directory at worst
            }
        }
        return null;
    }

    /** The mount points of cgroup2 file systems, from the mount table. */
    static List<Path> mounts() {
        List<Path> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8)) {
                String[] halves = line.split(" - ", 2);
                String[] fields = halves[0].split(" ");
                if (halves.length == 2 && halves[1].startsWith("cgroup2 ") && fields.length > 4) {
                    found.add(Path.of(fields[4].replace("\\040", " ")));
                }
            }
        } catch (IOException e) {
            // no mount table: no cgroup
        }
        return found;
    }

    Path dir() {
        return dir;
    }

    /**
     * What runs first, as root, for every command of the run: a fixed shell line that moves itself into
     * the cgroup and then becomes the command (its arguments are never shell text).
     */
    List<String> joinPrefix() {
        return List.of("sh", "-c", "echo $$ > \"$1\" || exit 126; shift; exec \"$@\"", "pgdrill-join",
                dir.resolve("cgroup.procs").toString());
    }

    /** The processes in the cgroup now. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("cgroup.procs"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone or unreadable: nothing listed
        }
        return pids;
    }

    /**
     * SIGKILLs every process of the run (with {@code cgroup.kill}, else one by one until none is left)
     * and returns those killed; an exception when some are still there after {@code deadline}.
     */
    List<Long> killAll(Duration deadline) {
        List<Long> killed = new ArrayList<>(pids());
        if (killed.isEmpty()) {
            return killed;
        }
        Path kill = dir.resolve("cgroup.kill");
        boolean atOnce = false;
        if (Files.isRegularFile(kill, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.writeString(kill, "1");
                atOnce = true;
            } catch (IOException e) {
                // an older kernel: one by one below
            }
        }
        boolean oneByOne = !atOnce;
        Poller.Outcome<Boolean> gone = Poller.within(deadline).poll("the processes of " + dir + " to end", () -> {
            List<Long> left = pids();
            if (oneByOne && !left.isEmpty()) {
                ProcTable.signal("KILL", left);
                left.stream().filter(p -> !killed.contains(p)).forEach(killed::add);
            }
            return left.isEmpty();
        });
        if (!gone.reached()) {
            throw new EnvironmentException(gone.interrupted() ? "interrupted while killing the processes of " + dir
                    : "processes " + pids() + " of the run's cgroup " + dir + " survived SIGKILL");
        }
        return killed;
    }

    /** Removes the (empty) cgroup; retried for a while, since the kernel empties it just after the last exit. */
    void remove() {
        Poller.Outcome<Boolean> removed = Poller.within(Duration.ofMillis(500)).poll("the run's cgroup " + dir
                + " to be removable", () -> {
                    try {
                        Files.deleteIfExists(dir);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
        if (!removed.reached() && !removed.interrupted()) {
            throw new EnvironmentException("could not remove the run's cgroup " + dir);
        }
    }
}
