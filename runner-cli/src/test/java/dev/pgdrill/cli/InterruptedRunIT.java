package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SIGTERM during a drill (as Ctrl-C or a CI timeout sends it) aborts the step and still cleans up:
 * the runner process is started for real against the local PostgreSQL environment.
 */
class InterruptedRunIT {
    private static final Pattern READY = Pattern.compile("environment ready: (\\S+)");

    @Test
    void sigtermAbortsTheDrillAndRemovesServersAndWorkDirectory(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/usr/lib/postgresql")) || System.getenv("PG_BIN") != null,
                "PostgreSQL server binaries are not installed (no /usr/lib/postgresql, no PG_BIN): skipping");
        Path drill = Files.writeString(dir.resolve("long.yaml"),
                "steps:\n  - sleep: 50s\n    timeout: 60s\n  - sleep: 10ms\n");
        Path log = dir.resolve("out.txt");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--no-color", "--report-dir", dir.resolve("reports").toString(), drill.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path workDir = awaitWorkDirectory(p, log, Duration.ofSeconds(120));
            assertThat(workDir).exists();
            Thread.sleep(300); // let the sleep step start
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("runner exits after SIGTERM\n" + read(log)).isTrue();
            String out = read(log);
            assertThat(out).contains("interrupted by signal");
            assertThat(workDir).as("work directory removed\n" + out).doesNotExist();
            assertThat(processesMentioning(workDir.toString())).as("no server of the run survives").isEmpty();
        } finally {
            p.destroyForcibly();
        }
    }

    private static Path awaitWorkDirectory(Process p, Path log, Duration max) throws Exception {
        Instant until = Instant.now().plus(max);
        while (Instant.now().isBefore(until)) {
            Matcher m = READY.matcher(read(log));
            if (m.find()) {
                return Path.of(m.group(1));
            }
            assertThat(p.isAlive()).as("runner still running\n" + read(log)).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("environment not ready within " + max + "\n" + read(log));
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static List<String> processesMentioning(String text) throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(d -> d.getFileName().toString().matches("\\d+"))
                    .map(d -> {
                        try {
                            return new String(Files.readAllBytes(d.resolve("cmdline"))).replace('\0', ' ');
                        } catch (IOException e) {
                            return "";
                        }
                    })
                    .filter(c -> c.contains(text)).toList();
        }
    }
}
