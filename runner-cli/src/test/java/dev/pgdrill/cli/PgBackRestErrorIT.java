package dev.pgdrill.cli;

import dev.pgdrill.cli.robustness.Leftovers;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pgBackRest error reaches the user as pgBackRest's code and message in the failing step, never as
 * a stack trace, and the run leaves nothing behind: here pgBackRest refuses to back up a standby that
 * has no primary configured.
 */
class PgBackRestErrorIT {
    @Test
    void aPgBackRestErrorIsShownWithItsCodeAndMessageAndNothingIsLeft(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("pgbr-error.yaml"), String.join("\n",
                "name: pgbr-error-drill",
                "environment: { backup-tool: pgbackrest }",
                "steps:",
                "  - name: back up the standby",
                "    backup: { from: replica, name: standby }",
                ""));
        CliRun r = CliRun.run(Environments::factory, "--no-color", "--report-dir", dir.resolve("reports").toString(),
                drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.DRILL_FAILED.code());
        r.noStackTrace();
        assertThat(r.out()).as(r.toString()).containsPattern("FAIL  back up the standby")
                .containsPattern("pgbackrest backup 'standby' \\(full\\) of node 'replica' failed: pgBackRest error \\d+: \\S+");
        assertThat(r.out()).doesNotContain("Exception");
        assertThat(Leftovers.workDirsOf("pgbr-error-drill")).as("work directories left").isEmpty();
    }
}
