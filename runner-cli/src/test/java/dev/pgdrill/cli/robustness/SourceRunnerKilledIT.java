package dev.pgdrill.cli.robustness;

import dev.pgdrill.cli.Production;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the runner while it restores from a source: the reaper removes the sandbox, and the source
 * (pgBackRest repository, WAL archive, backups, configuration) is byte for byte what it was.
 */
class SourceRunnerKilledIT {
    private static final String DRILL = """
            name: killed-restore-test
            environment:
              source:
                pgbackrest: { config: "%s", stanza: prod }
            steps:
              - restore: { node: restored, from: latest }
              - sleep: 60s
                timeout: 90s
            """;

    @Test
    void sigkillDuringARestoreFromASourceLeavesTheSourceUnchangedAndNothingOfTheRun(@TempDir Path dir)
            throws Exception {
        ChildRunner.assumePostgres();
        Path root = Files.createTempDirectory("pgdrill-killed-source");   // not under @TempDir: the server user passes
        try {
            killDuringRestore(dir, Production.make(root));
        } finally {
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void killDuringRestore(Path dir, Production prod) throws Exception {
        String before = Production.treeHash(prod.dir());
        try (ChildRunner r = ChildRunner.startDrill(dir, "killed.yaml", DRILL.formatted(prod.fact("PGBACKREST_CONF")))) {
            Path work = r.awaitWorkDir(Duration.ofSeconds(120));
            // killed as soon as the sandbox's data directory appears: while pgBackRest restores into it or the
            // server recovers from the repository
            r.awaitThat("the restore to begin", Duration.ofSeconds(120), () -> Files.exists(work.resolve("restored")));
            r.process.destroyForcibly();
            assertThat(r.process.waitFor(10, TimeUnit.SECONDS)).as("runner killed").isTrue();
            Instant until = Instant.now().plus(Duration.ofSeconds(15));
            while ((work.toFile().exists() || !Leftovers.processesMentioning(work.toString()).isEmpty())
                    && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
            ChildRunner.assertNothingLeft(work, r.console());
        }
        assertThat(Production.treeHash(prod.dir())).as("the source after kill -9 of the runner").isEqualTo(before);
    }
}
