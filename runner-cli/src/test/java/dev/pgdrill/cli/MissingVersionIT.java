package dev.pgdrill.cli;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a machine without PostgreSQL 17's server binaries, {@code runner DIR} on the local backend leaves
 * out a drill that needs 17, saying why, and runs the rest; the same drill named alone is run and its
 * set-up says what to install (exit 3).
 */
class MissingVersionIT {
    private static final String NEEDS_17 = """
            name: needs-17
            environment: { postgres: ">= 17" }
            steps:
              - verify: { on: primary, query: "SELECT current_setting('server_version_num')::int >= 170000", equals: t }
            """;
    private static final String ANY = """
            name: any-version
            steps:
              - verify: { on: primary, query: "SELECT 1", equals: 1 }
            """;

    @Test
    void aDirectoryRunLeavesOutTheDrillThisMachineCannotRunAndANamedOneSaysWhatIsMissing(@TempDir Path dir)
            throws IOException {
        Assumptions.assumeFalse(Files.isExecutable(Path.of("/usr/lib/postgresql/17/bin/postgres")),
                "PostgreSQL 17's server binaries are installed here, so nothing is left out: skipped");
        Path drills = Files.createDirectories(dir.resolve("drills"));
        Path needs17 = Files.writeString(drills.resolve("a-needs-17.yaml"), NEEDS_17);
        Files.writeString(drills.resolve("b-any.yaml"), ANY);

        CliRun all = CliRun.run(Environments::factory, "--no-color", "--report-dir", dir.resolve("r1").toString(),
                drills.toString());
        assertThat(all.exit()).as(all.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(all.err()).contains(needs17 + ": left out, ").contains("postgresql-17");
        assertThat(all.out()).contains("any-version").doesNotContain("needs-17");

        CliRun alone = CliRun.run(Environments::factory, "--no-color", "--report-dir", dir.resolve("r2").toString(),
                needs17.toString());
        assertThat(alone.exit()).as(alone.toString()).isEqualTo(ExitCode.ENVIRONMENT.code());
        alone.noStackTrace();
        assertThat(alone.out() + alone.err()).contains("postgresql-17").doesNotContain("left out");
    }
}
