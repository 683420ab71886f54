package dev.pgdrill.cli.robustness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a run can leave behind on this machine: processes (from /proc) and work directories. */
final class Leftovers {
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

    /** Work directories of runs named {@code runName} under the default work root. */
    static List<Path> workDirsOf(String runName) throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("pgdrill-" + runName + "-")).toList();
        }
    }
}
