package dev.pgdrill.cli.robustness;

import dev.pgdrill.environment.common.WorkRoots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/** What a run can leave behind on this machine: processes (from /proc) and work directories. */
public final class Leftovers {
    private Leftovers() {
    }

    /** "pid: command line" of every process whose command line or environment-free cmdline names {@code text}. */
    static List<String> processesMentioning(String text) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(d -> d.getFileName().toString().matches("\\d+"))
                    .map(d -> d.getFileName() + ": " + cmdline(d))
                    .filter(c -> c.contains(text)).toList();
        }
    }

    private static String cmdline(Path procDir) {
        try {
            return new String(Files.readAllBytes(procDir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** The ids of the System V shared memory segments (from /proc/sysvipc/shm) that one of {@code pids} created. */
    static List<String> sysvSegmentsCreatedBy(Collection<Long> pids) throws IOException {
        List<String> ids = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of("/proc/sysvipc/shm"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 6 && pids.contains(Long.parseLong(f[4]))) {
                ids.add(f[1]);
            }
        }
        return ids;
    }

    /**
     * Work directories of runs named {@code runName} under either default work root: {@code java.io.tmpdir}
     * and the memory root the local backend prefers ({@link WorkRoots#MEMORY}), so a leftover is found
     * wherever the run put it.
     */
    public static List<Path> workDirsOf(String runName) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path root : new LinkedHashSet<>(List.of(Path.of(System.getProperty("java.io.tmpdir")), WorkRoots.MEMORY))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.filter(d -> d.getFileName().toString().startsWith("pgdrill-" + runName + "-")).forEach(found::add);
            }
        }
        return found;
    }
}
