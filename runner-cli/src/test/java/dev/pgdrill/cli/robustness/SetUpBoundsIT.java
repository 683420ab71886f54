package dev.pgdrill.cli.robustness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What bounds an environment set-up, in a child runner on local PostgreSQL: the drill's own
 * {@code timeout:} (a set-up that outlasts it ends the drill as timed out, and is cleaned up), and a
 * work root that must exist (a missing one is refused before anything starts, and not created).
 */
class SetUpBoundsIT {
    private static final Duration EXIT = Duration.ofSeconds(90);

    @Test
    void drillTimeoutCoversTheEnvironmentSetUp(@TempDir Path dir) throws Exception {
        ChildRunner.assumePostgres();
        // a local set-up without the template cache (initdb, seed, base backup, replica) takes well over a
        // second even in memory; this drill allows 300ms in all (with the cache a set-up can end in 0.5s)
        Path drill = Files.writeString(dir.resolve("short.yaml"), "name: sb-short\ntimeout: 300ms\nsteps:\n  - sleep: 10ms\n");
        try (ChildRunner r = ChildRunner.start(dir, "--no-cache", drill.toString())) {
            int exit = r.awaitExit(EXIT);
            String console = r.console();
            assertThat(exit).as(console).isEqualTo(1);
            assertThat(console).contains("drill timed out after 300ms (drill timeout) while setting up the environment")
                    .contains("Exit code: 1 (").doesNotContain("environment ready");
            assertThat(r.journal()).contains("drill timed out after 300ms");
            List<Path> works = Leftovers.workDirsOf("sb-short");
            assertThat(works).as("work directories of the run\n" + console).isEmpty();
            assertThat(Leftovers.processesMentioning("pgdrill-sb-short-")).as("processes of the run").isEmpty();
        }
    }

    @Test
    void workRootThatDoesNotExistIsRefusedAndNotCreated(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("no-such-root");
        try (ChildRunner r = ChildRunner.start(dir, List.of("-Djava.io.tmpdir=" + root),
                Files.writeString(dir.resolve("d.yaml"), "name: sb-root\nsteps:\n  - sleep: 10ms\n").toString())) {
            int exit = r.awaitExit(EXIT);
            String console = r.console();
            assertThat(exit).as(console).isEqualTo(2);
            assertThat(console).contains("the work root " + root + " does not exist")
                    .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("environment ready");
            assertThat(root).as("the missing work root is not created").doesNotExist();
        }
    }
}
