package dev.pgdrill.cli;

import dev.pgdrill.engine.report.ReportDirectory;
import dev.pgdrill.engine.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report directory is checked and locked before any environment starts (exit 2 when it cannot
 * be used), and a report that could not be written fails the run (exit 3) instead of naming a file
 * that does not exist. These tests run as root too, where permission bits do not stop a write.
 */
class ReportDirectoryTest {
    private final List<FakeEnvironment> created = new ArrayList<>();
    @TempDir
    Path dir;

    /** Runs the sleepy drill with {@code --report-dir reports}; the environment must not be reached. */
    private static CliRun refused(Path reports) {
        CliRun r = CliRun.run("--no-color", "--report-dir", reports.toString(), EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).as("nothing started").isEmpty();
        return r.noStackTrace();
    }

    @Test
    void aReportDirThatIsAFileIsRefusedBeforeAnyEnvironmentStarts() throws Exception {
        Path file = Files.writeString(dir.resolve("reports"), "not a directory");
        CliRun r = refused(file);
        assertThat(r.err()).isEqualTo("runner: --report-dir: report directory " + file
                + " is a file, not a directory; nothing was run\n");
        assertThat(Files.readString(file)).isEqualTo("not a directory");
    }

    @Test
    void aReportDirThatCannotBeCreatedIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        CliRun r = refused(file.resolve("reports"));
        assertThat(r.err()).startsWith("runner: --report-dir: cannot create report directory " + file.resolve("reports")
                + ": ").endsWith("; nothing was run\n");
    }

    @Test
    void aReportDirThatEvenRootCannotWriteIsRefused() {
        Path sys = Path.of("/sys");
        assumeTrue(!canCreateAFileIn(sys), "/sys is writable here");
        CliRun r = refused(sys);
        assertThat(r.err()).startsWith("runner: --report-dir: report directory /sys is not writable: ")
                .endsWith("; nothing was run\n");
    }

    @Test
    void aReportDirInUseByAnotherRunIsRefusedWithItsPidAndStart() {
        Path reports = dir.resolve("reports");
        try (ReportDirectory other = ReportDirectory.acquire(reports)) {
            CliRun r = CliRun.run(CliRun.fakes(created), "--no-color", "--report-dir", reports.toString(),
                    EXAMPLES + "sleepy.yaml");
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(created).as("no environment").isEmpty();
            assertThat(r.err()).matches("runner: --report-dir: report directory " + reports + " is in use by run PID "
                    + ProcessHandle.current().pid() + " since \\d{4}-\\d\\d-\\d\\dT\\S+Z \\(lock file "
                    + reports.resolve(ReportDirectory.LOCK) + "\\); give this run another --report-dir, or wait for "
                    + "that run to end; nothing was run\n");
            assertThat(reports.resolve("journal.json")).doesNotExist();
        }
    }

    @Test
    void aReportDirLockedByAnotherProcessIsRefused() throws Exception {
        assumeTrue(onPath("python3"), "python3 is needed to hold a lock from another process");
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Path lock = reports.resolve(ReportDirectory.LOCK);
        Process holder = new ProcessBuilder("python3", "-c", "import fcntl,os,sys,time\n"
                + "f=open(sys.argv[1],'w'); fcntl.lockf(f, fcntl.LOCK_EX)\n"
                + "f.write('pid=%d\\nsince=2026-01-01T00:00:00Z\\n' % os.getpid()); f.flush()\n"
                + "print('locked', flush=True); time.sleep(60)\n", lock.toString()).redirectErrorStream(true).start();
        try {
            String said = CompletableFuture.supplyAsync(() -> readLine(holder)).get(20, TimeUnit.SECONDS);
            assertThat(said).as("the lock holder").isEqualTo("locked");
            CliRun r = CliRun.run(CliRun.fakes(created), "--no-color", "--report-dir", reports.toString(),
                    EXAMPLES + "sleepy.yaml");
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(created).isEmpty();
            assertThat(r.err()).contains("is in use by run PID " + holder.pid() + " since 2026-01-01T00:00:00Z");
        } finally {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        CliRun after = CliRun.run(CliRun.fakes(created), "--no-color", "--report-dir", reports.toString(),
                EXAMPLES + "sleepy.yaml");
        assertThat(after.exit()).as("the holder was killed: its lock is stale\n" + after).isZero();
        assertThat(after.err()).contains("was locked by run PID " + holder.pid() + " since 2026-01-01T00:00:00Z, which is gone; taking it over");
    }

    @Test
    void aStaleLockIsTakenOverAndTheLockIsGoneAfterTheRun() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Files.writeString(reports.resolve(ReportDirectory.LOCK), "pid=2147483646\nsince=2020-01-01T00:00:00Z\n");
        CliRun r = CliRun.run(CliRun.fakes(created), "--no-color", "--report-dir", reports.toString(),
                EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEqualTo("runner: report directory " + reports + " was locked by run PID 2147483646 since "
                + "2020-01-01T00:00:00Z, which is gone; taking it over\n");
        assertThat(reports.resolve("junit.xml")).isRegularFile();
        assertThat(reports.resolve(ReportDirectory.LOCK)).as("released on exit").doesNotExist();
        CliRun again = CliRun.run(CliRun.fakes(created), "--no-color", "--report-dir", reports.toString(),
                EXAMPLES + "sleepy.yaml");
        assertThat(again.exit()).isZero();
        assertThat(again.err()).isEmpty();
    }

    @Test
    void aReportThatCouldNotBeWrittenFailsTheRunAndNamesNoMissingFile() {
        Path reports = dir.resolve("reports");
        CliContext.Backends sabotage = (kind, options) -> {
            replaceWithAFile(reports); // after the check, before the drill: as a disk that fills up or a cleaner that runs
            return FakeEnvironment.factory(created);
        };
        CliRun r = CliRun.run(sabotage, "--no-color", "--report-dir", reports.toString(), EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(created).singleElement().satisfies(env -> assertThat(env.closed).isTrue());
        assertThat(r.out()).contains("Report: not written: cannot write report file ")
                .doesNotContain("Report: /").contains("Exit code: 3 (environment problem)");
        assertThat(r.err()).startsWith("runner: the report could not be written: cannot write report file "
                + reports.toAbsolutePath().resolve("journal.json") + ": a file stands where a directory is needed");
        r.noStackTrace();
    }

    private static void replaceWithAFile(Path reports) {
        try (Stream<Path> s = Files.walk(reports)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
            Files.writeString(reports, "in the way");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String readLine(Process p) {
        try {
            return new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean canCreateAFileIn(Path d) {
        try {
            Files.delete(Files.createTempFile(d, "probe", ""));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(p -> Files.isExecutable(Path.of(p, tool)));
    }
}
