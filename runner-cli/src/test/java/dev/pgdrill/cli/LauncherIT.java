package dev.pgdrill.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code ./runner} launcher, in a copy of the repository layout: it finds its jar through
 * symlinks from any directory, builds only when needed (here a stand-in {@code mvn} on the PATH),
 * passes exit codes through, and turns a failed build into exit 4 with the build's output.
 */
class LauncherIT {
    private static final Path SCRIPT = Path.of("..", "runner");
    private static final Path CDS_SCRIPT = Path.of("src", "build", "cds-archive.sh");
    private static final Path SCENARIOS = Path.of("..", "scenarios");
    private static final Path DRILL_CLASSES = Path.of("src", "build", "drill-classes.lst");
    @TempDir
    Path repo;
    @TempDir
    Path elsewhere;
    private Path shadedJar;

    @BeforeEach
    void copyLauncher() throws IOException {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        shadedJar = classes.getParent().resolve("runner.jar");
        assumeTrue(Files.isRegularFile(shadedJar), "the shaded runner.jar is built in the package phase; not found at "
                + shadedJar + ": skipping");
        Files.copy(SCRIPT, repo.resolve("runner"));
        executable(repo.resolve("runner"));
        Files.createDirectories(repo.resolve("bin"));
        Files.createSymbolicLink(repo.resolve("bin/rn"), Path.of("../runner"));
    }

    @Test
    void runsTheBuiltJarFromAnyDirectoryThroughASymlink() throws Exception {
        installJar();
        Result r = launch(Map.of(), "--version");
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).startsWith("runner ").doesNotContain("building");
        Result invalid = launch(Map.of(), "validate", "no-such.yaml");
        assertThat(invalid.exit).as(invalid.output).isEqualTo(2);
        assertThat(invalid.output).contains("no-such.yaml: no such file");
    }

    @Test
    void theShippedJarChecksJournalsAgainstTheirSchema() throws Exception {
        installJar();
        Path journal = Files.writeString(elsewhere.resolve("journal.json"), """
                {"format": 1, "start": "2026-12-01T10:00:00Z", "durationMs": 10, "exitCode": 0, "complete": true,
                 "drills": [{"name": "x", "page": "../escaped.html", "status": "PASSED",
                             "start": "2026-12-01T10:00:00Z", "durationMs": 10, "exitCode": 0,
                             "steps": [], "finallySteps": []}]}
                """);
        Result r = launch(Map.of(), "report", journal.toString(), "--out", elsewhere.resolve("html").toString());
        assertThat(r.exit).as(r.output).isEqualTo(2);
        assertThat(r.output).contains(journal + ":2:35: at $.drills[0].page: does not match the regex pattern");
        assertThat(elsewhere.resolve("html")).doesNotExist();
    }

    @Test
    void usesTheClassDataSharingArchiveOnlyWhileItMatchesTheJarAndNeverWarns() throws Exception {
        installJar();
        Path jar = repo.resolve("runner-cli/target/runner.jar");
        Path jsa = repo.resolve("runner-cli/target/runner.jsa");
        Process build = new ProcessBuilder("sh", CDS_SCRIPT.toString(), jar.toString(), jsa.toString(),
                SCENARIOS.toAbsolutePath().toString(), DRILL_CLASSES.toString()).redirectErrorStream(true).start();
        assertThat(build.waitFor(120, TimeUnit.SECONDS)).as("archive built").isTrue();
        assertThat(jsa).as("the build script writes the archive").isNotEmptyFile();
        assertThat(Path.of(jsa + ".size")).as("and its size").hasContent(Long.toString(Files.size(jsa)));
        byte[] archive = Files.readAllBytes(jsa);
        Map<String, String> showLoads = Map.of("RUNNER_JAVA_OPTS", "-Xlog:class+load=info");

        Result fresh = launch(showLoads, "--version");
        assertThat(fresh.exit).as(fresh.output).isZero();
        assertThat(fresh.output).contains("dev.pgdrill.cli.Main source: shared objects file");

        // a jar rebuilt after the archive: the launcher leaves the archive out
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jsa).toMillis() + 10_000));
        Result rebuilt = launch(showLoads, "--version");
        assertThat(rebuilt.exit).as(rebuilt.output).isZero();
        assertThat(rebuilt.output).contains("dev.pgdrill.cli.Main source: file:")
                .doesNotContain("dev.pgdrill.cli.Main source: shared objects file");

        // an archive that looks newer but no longer matches the jar: the JVM ignores it, silently
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
        Result stale = launch(Map.of(), "--version");
        assertThat(stale.exit).as(stale.output).isZero();
        assertThat(stale.output).startsWith("runner ").doesNotContain("warning").doesNotContain("shared archive");

        Files.writeString(jsa, "not an archive");
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
        Result corrupt = launch(Map.of(), "--version");
        assertThat(corrupt.exit).as(corrupt.output).isZero();
        assertThat(corrupt.output).startsWith("runner ").doesNotContain("warning");

        // a truncated archive (a full disk, a copy cut short) would crash the JVM (SIGBUS): left out
        Files.write(jsa, Arrays.copyOf(archive, archive.length / 2));
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
        Result truncated = launch(Map.of(), "--version");
        assertThat(truncated.exit).as(truncated.output).isZero();
        assertThat(truncated.output).startsWith("runner ").doesNotContain("fatal error").doesNotContain("warning");

        Files.delete(jsa);
        Result missing = launch(Map.of(), "validate", SCENARIOS.resolve("pitr.yaml").toAbsolutePath().toString());
        assertThat(missing.exit).as(missing.output).isZero();
        assertThat(missing.output).startsWith("ok: ").doesNotContain("warning");
    }

    @Test
    void buildsOnFirstUseWithAOneLineNotice() throws Exception {
        Path fakeBin = fakeMvn("mkdir -p runner-cli/target && cp '" + shadedJar + "' runner-cli/target/runner.jar\n");
        Result r = launch(Map.of("PATH", fakeBin + ":" + System.getenv("PATH")), "--version");
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).startsWith("runner: building the CLI (first use, ~1 min)...\nrunner ");
        assertThat(repo.resolve("runner-cli/target/runner.jar")).exists();
    }

    @Test
    void failedBuildShowsItsOutputAndExitsFour() throws Exception {
        Path fakeBin = fakeMvn("echo '[ERROR] COMPILATION ERROR: Broken.java'\nexit 1\n");
        Result r = launch(Map.of("PATH", fakeBin + ":" + System.getenv("PATH")), "--version");
        assertThat(r.exit).as(r.output).isEqualTo(4);
        assertThat(r.output).contains("[ERROR] COMPILATION ERROR: Broken.java")
                .contains("runner: building the CLI failed");
    }

    private void installJar() throws IOException {
        Files.createDirectories(repo.resolve("runner-cli/target"));
        Files.copy(shadedJar, repo.resolve("runner-cli/target/runner.jar"), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path fakeMvn(String body) throws IOException {
        Path bin = Files.createDirectories(elsewhere.resolve("fake-bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\n" + body);
        executable(mvn);
        return bin;
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("bin/rn").toString()));
        cmd.addAll(List.of(args));
        Path out = elsewhere.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(elsewhere.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out));
    }

    private record Result(int exit, String output) {
    }
}
