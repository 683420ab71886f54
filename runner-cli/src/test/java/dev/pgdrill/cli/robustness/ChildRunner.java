package dev.pgdrill.cli.robustness;

import dev.pgdrill.cli.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A {@code runner} started as a child JVM (as {@code java -jar runner.jar} would be, with the test
 * class path) against the local PostgreSQL environment, its console captured in a file; plus the
 * checks the robustness tests share: nothing of a run may survive it.
 */
final class ChildRunner implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("environment ready: (\\S+)");
    final Process process;
    final Path log;
    final Path reports;

    private ChildRunner(Process process, Path log, Path reports) {
        this.process = process;
        this.log = log;
        this.reports = reports;
    }

    /** Skips the calling test, saying why, when no PostgreSQL server binaries are installed. */
    static void assumePostgres() {
        assumeTrue(Files.isDirectory(Path.of("/usr/lib/postgresql")) || System.getenv("PG_BIN") != null,
                "PostgreSQL server binaries are not installed (no /usr/lib/postgresql, no PG_BIN): skipping");
    }

    /** Starts {@code runner --no-color --report-dir DIR/reports ARGS...}. */
    static ChildRunner start(Path dir, String... args) throws IOException {
        return start(dir, List.of(), args);
    }

    /** Starts {@code java JVM_OPTIONS... runner --no-color --report-dir DIR/reports ARGS...}. */
    static ChildRunner start(Path dir, List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "--no-color",
                "--report-dir", dir.resolve("reports").toString()));
        cmd.addAll(List.of(args));
        Path log = dir.resolve("console.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("GITHUB_")); // no workflow commands, no job summary
        Process p = pb.start();
        return new ChildRunner(p, log, dir.resolve("reports"));
    }

    /** Writes {@code yaml} to {@code DIR/fileName} and starts the runner on that one drill. */
    static ChildRunner startDrill(Path dir, String fileName, String yaml) throws IOException {
        return start(dir, Files.writeString(dir.resolve(fileName), yaml).toString());
    }

    /** The process id of the postmaster of {@code dataDir}, from its {@code postmaster.pid}. */
    static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    String console() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(console unreadable: " + e.getMessage() + ")";
        }
    }

    String journal() throws IOException {
        return Files.readString(reports.resolve("journal.json"));
    }

    /** The work directories announced so far ("environment ready: DIR"). */
    List<Path> workDirs() {
        List<Path> dirs = new ArrayList<>();
        Matcher m = READY.matcher(console());
        while (m.find()) {
            dirs.add(Path.of(m.group(1)));
        }
        return dirs;
    }

    Path awaitWorkDir(Duration max) throws InterruptedException {
        awaitThat("the environment to be ready", max, () -> !workDirs().isEmpty());
        return workDirs().get(0);
    }

    /** Polls {@code condition} every 5 ms; fails (with the console) when the runner exits or time runs out first. */
    void awaitThat(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(max);
        while (!condition.getAsBoolean()) {
            assertThat(process.isAlive()).as("runner exited before " + what + "\n" + console()).isTrue();
            assertThat(Instant.now()).as("waiting for " + what + "\n" + console()).isBefore(until);
            Thread.sleep(5);
        }
    }

    /** Sends SIGTERM or SIGINT (as Ctrl-C) to the runner. */
    void signal(String name) throws IOException, InterruptedException {
        if (name.equals("TERM")) {
            process.destroy();
        } else {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + name).isTrue();
        }
    }

    int awaitExit(Duration max) throws InterruptedException {
        assertThat(process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)).as("runner exits\n" + console()).isTrue();
        return process.exitValue();
    }

    /** Asserts the run left nothing: no work directory and no process naming it (servers, archivers, tools). */
    static void assertNothingLeft(Path workDir, String context) throws IOException {
        assertThat(workDir).as("work directory removed\n" + context).doesNotExist();
        assertThat(Leftovers.processesMentioning(workDir.toString())).as("processes of the run\n" + context).isEmpty();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
