package dev.pgdrill.environment.local;

import dev.pgdrill.engine.wait.Poller;
import dev.pgdrill.environment.common.ChildEnvironment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads Linux {@code /proc} to find a server's processes and sends them signals. Zombies count as
 * gone: a killed postgres whose parent (init) has not reaped it yet holds no resources.
 */
final class ProcTable {
    private static final Path PROC = Path.of("/proc");

    private ProcTable() {
    }

    /** One process: its state letter (R, S, T, Z...) and parent pid. */
    record Stat(long pid, char state, long ppid) {
    }

    static Optional<Stat> stat(long pid) {
        try {
            String text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            int close = text.lastIndexOf(')');
            String[] fields = text.substring(close + 2).split(" ");
            return Optional.of(new Stat(pid, fields[0].charAt(0), Long.parseLong(fields[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean alive(long pid) {
        return stat(pid).map(s -> s.state() != 'Z' && s.state() != 'X').orElse(false);
    }

    static String cmdline(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Every live descendant of {@code root} (children, grandchildren...), parents before children. */
    static List<Long> descendants(long root) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (Stat s : all()) {
            if (s.state() != 'Z' && s.state() != 'X') {
                children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s.pid());
            }
        }
        List<Long> result = new ArrayList<>();
        Deque<Long> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            for (long child : children.getOrDefault(todo.poll(), List.of())) {
                result.add(child);
                todo.add(child);
            }
        }
        return result;
    }

    /** Live processes whose command line contains {@code text} (e.g. a run's work directory). */
    static List<Long> withCommandLineContaining(String text) {
        List<Long> result = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        for (Stat s : all()) {
            if (s.pid() != self && s.state() != 'Z' && cmdline(s.pid()).contains(text)) {
                result.add(s.pid());
            }
        }
        return result;
    }

    private static List<Stat> all() {
        List<Stat> result = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.isEmpty() && n.chars().allMatch(Character::isDigit))
                    .forEach(n -> stat(Long.parseLong(n)).ifPresent(result::add));
        } catch (IOException e) {
            return result;
        }
        return result;
    }

    /** Sends {@code signal} (e.g. STOP, CONT, KILL) to the processes; ones already gone are ignored. */
    static void signal(String signal, Collection<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            Process p = ChildEnvironment.apply(new ProcessBuilder(command), ChildEnvironment.forTools(System.getenv(), null),
                    Map.of()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run kill -" + signal + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until none of {@code pids} is alive; returns those still alive at the deadline. */
    static List<Long> awaitGone(Collection<Long> pids, Duration timeout) {
        List<Long> left = new ArrayList<>(pids);
        Poller.within(timeout).poll("processes " + pids + " to end", () -> {
            left.removeIf(pid -> !alive(pid));
            return left.isEmpty();
        });
        left.removeIf(pid -> !alive(pid));
        return left;
    }

    /** Whether this process runs as root: its real uid in {@code /proc/self/status}, else its user name. */
    static boolean runnerIsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            // not Linux: fall back to the name
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
