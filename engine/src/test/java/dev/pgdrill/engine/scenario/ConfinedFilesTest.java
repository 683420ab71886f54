package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.api.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A scenario names only regular files inside its own directory tree, links resolved; a scenario file
 * itself is never a link or a special file, and its read is bounded whatever the file claims.
 */
class ConfinedFilesTest {
    @TempDir
    Path dir;

    private List<String> seedProblems(String seed) throws IOException {
        Path drill = Files.createDirectories(dir.resolve("drills")).resolve("d.yaml");
        Files.writeString(drill, "environment:\n  seed: " + seed + "\nsteps:\n  - nap:\n");
        return problems(drill);
    }

    private static List<String> problems(Path drill) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
                () -> LoaderFixture.LOADER.load(drill, Map.of()));
        assertThat(e).as("expected " + drill + " to be refused").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID);
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void seedFilesOutsideTheScenarioTreeAreRefusedAtTheirPosition() throws IOException {
        Files.writeString(dir.resolve("secret.sql"), "root only\n");
        assertThat(seedProblems("[/proc/self/environ]")).singleElement().asString()
                .endsWith("d.yaml:2:10: seed file '/proc/self/environ' is an absolute path: a scenario names only "
                        + "files in its own directory or below it (paths are relative to the scenario file)");
        assertThat(seedProblems("[../secret.sql]")).singleElement().asString()
                .contains("d.yaml:2:10: seed file '../secret.sql' is outside the scenario's directory");
        Files.createSymbolicLink(dir.resolve("drills/link.sql"), dir.resolve("secret.sql"));
        assertThat(seedProblems("[link.sql]")).singleElement().asString()
                .contains("d.yaml:2:10: seed file 'link.sql' is outside the scenario's directory (it resolves to "
                        + dir.toRealPath().resolve("secret.sql") + ")");
        Files.createSymbolicLink(dir.resolve("drills/env.sql"), Path.of("/proc/self/environ"));
        assertThat(seedProblems("[env.sql]")).singleElement().asString()
                .contains("seed file 'env.sql' is outside the scenario's directory");
    }

    @Test
    void seedFilesMustBeRegularFiles() throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("drills/sub"));
        assertThat(seedProblems("[sub]")).singleElement().asString()
                .contains("d.yaml:2:10: seed file 'sub' is a directory, not a file");
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("drills/pipe.sql").toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
        assertThat(seedProblems("[pipe.sql]")).singleElement().asString()
                .contains("d.yaml:2:10: seed file 'pipe.sql' is not a regular file (a device, pipe or socket)");
    }

    @Test
    void aLinkInsideTheTreeResolvesToItsRealFile() throws IOException {
        Path drills = Files.createDirectories(dir.resolve("drills/data"));
        Files.writeString(drills.resolve("rows.sql"), "SELECT 1;\n");
        Files.createSymbolicLink(dir.resolve("drills/rows.sql"), Path.of("data/rows.sql"));
        Path drill = Files.writeString(dir.resolve("drills/d.yaml"),
                "environment:\n  seed: [rows.sql]\nsteps:\n  - nap:\n");
        Scenario s = LoaderFixture.LOADER.load(drill, Map.of());
        assertThat(s.environmentSpec().seed()).containsExactly(drills.resolve("rows.sql").toRealPath());
    }

    @Test
    void theHelperReadsARegularFileWithABound() throws Exception {
        Path drill = Files.writeString(dir.resolve("d.yaml"), "steps: []\n");
        Files.write(dir.resolve("big.sql"), new byte[2048]);
        Path big = ConfinedFiles.resolve(drill, "big.sql");
        assertThat(ConfinedFiles.read(big, 2048)).hasSize(2048);
        assertThat(catchThrowableOfType(ConfinedFiles.Refused.class, () -> ConfinedFiles.read(big, 1024)))
                .hasMessage("is too large (at most 1 KiB)");
        assertThat(catchThrowableOfType(ConfinedFiles.Refused.class, () -> ConfinedFiles.read(Path.of("/dev/zero"), 1024)))
                .hasMessage("is not a regular file (a device, pipe or socket)");
    }

    @Test
    void aScenarioFileThatIsALinkOrADeviceIsRefusedNotRead() throws IOException {
        Path target = Files.writeString(dir.resolve("root-only.txt"), "first: line\n");
        Path link = Files.createSymbolicLink(dir.resolve("l.yaml"), target);
        assertThat(problems(link)).containsExactly(link + ": is a symbolic link; name the scenario file itself (links "
                + "are not followed)");
        Path zero = Files.createSymbolicLink(dir.resolve("z.yaml"), Path.of("/dev/zero"));
        assertThat(problems(zero)).containsExactly(zero + ": is a symbolic link; name the scenario file itself (links "
                + "are not followed)");
        assertThat(problems(Path.of("/dev/zero"))).containsExactly("/dev/zero: is not a regular file (a device, pipe "
                + "or socket); a scenario is a YAML file");
    }

    @Test
    void aScenarioReadStopsAtTheLimit() throws IOException {
        Path drill = dir.resolve("large.yaml");
        Files.write(drill, ("# " + "x".repeat(ScenarioLoader.MAX_BYTES) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(problems(drill)).singleElement().asString().contains("file too large");
    }
}
