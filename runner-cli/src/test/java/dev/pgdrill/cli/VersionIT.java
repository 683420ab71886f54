package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code runner --version} of the packaged jar names the git commit it was built from; outside git, "unknown". */
class VersionIT {
    private static final Path SCRIPT = Path.of("src", "build", "git-commit.sh");

    @TempDir
    Path dir;

    private static String run(Path cwd, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void thePackagedRunnerNamesTheCommitItWasBuiltFrom() throws Exception {
        Path jar = Path.of("target", "runner.jar");
        assumeTrue(Files.isRegularFile(jar), "the shaded runner.jar is built in the package phase");
        String head = run(Path.of("."), "git", "rev-parse", "--short=12", "HEAD");
        assumeTrue(head.matches("[0-9a-f]{12}"), "not built from a git checkout: " + head);
        String version = run(Path.of("."), Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--version");
        assertThat(version).matches("runner \\S+ \\(commit " + head + "(-dirty)?; pgdrill; Java .*\\)");
    }

    @Test
    void outsideAGitCheckoutTheCommitIsUnknown() throws Exception {
        Path out = dir.resolve("out/dev/pgdrill/cli/git.properties");
        run(dir, "sh", SCRIPT.toAbsolutePath().toString(), out.toString());
        assertThat(out).hasContent("commit=unknown");
        run(Path.of("."), "sh", SCRIPT.toAbsolutePath().toString(), out.toString());
        assertThat(Files.readString(out)).matches("commit=[0-9a-f]{12}(-dirty)?\\n");
    }
}
