package dev.pgdrill.environment.local;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PgBinariesTest {
    @TempDir
    Path tmp;

    private Path fakeBinDir(String name) throws IOException {
        return fakeBinDir(name, 15);
    }

    /** Programs that do nothing, except that {@code postgres --version} names {@code major} as Debian's does. */
    private Path fakeBinDir(String name, int major) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name).resolve("bin"));
        for (String program : PgBinaries.REQUIRED) {
            String body = program.equals("postgres")
                    ? "echo 'postgres (PostgreSQL) " + major + ".3 (Debian " + major + ".3-1)'\n" : "";
            Path p = Files.writeString(dir.resolve(program), "#!/bin/sh\n" + body);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    @Test
    void aRequiredVersionPicksItsOwnBinariesOverNewerOnes() throws IOException {
        Path v17 = fakeBinDir("17", 17);
        Path v15 = fakeBinDir("15", 15);
        assertThat(PgBinaries.discover(null, Map.of(), () -> Optional.of(v17), List.of(v17, v15), 15).binDir())
                .isEqualTo(v15);
        assertThat(PgBinaries.discover(null, Map.of(), Optional::empty, List.of(v17, v15), 17).binDir()).isEqualTo(v17);
        assertThat(PgBinaries.majorOf(v17)).isEqualTo(17);
    }

    @Test
    void aMissingVersionNamesItsPackageAndTheComposeAlternative() throws IOException {
        Path v15 = fakeBinDir("15", 15);
        assertThatThrownBy(() -> PgBinaries.discover(null, Map.of(), Optional::empty, List.of(v15), 17))
                .isInstanceOf(EnvironmentException.class)
                .satisfies(e -> assertThat(((EnvironmentException) e).exitCode()).isEqualTo(ExitCode.ENVIRONMENT))
                .hasMessageContaining("no PostgreSQL 17 server binaries found")
                .hasMessageContaining("apt-get install postgresql-17")
                .hasMessageContaining("--env compose --pg-version 17");
    }

    @Test
    void pgBinOfAnotherVersionIsRefusedNotUsed() throws IOException {
        Path v15 = fakeBinDir("15", 15);
        assertThatThrownBy(() -> PgBinaries.discover(null, Map.of("PG_BIN", v15.toString()), Optional::empty,
                List.of(), 17))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("PG_BIN points at " + v15 + ", which holds PostgreSQL 15, not 17");
    }

    @Test
    void theRealServerSaysItsMajorVersion() {
        Path real = Path.of("/usr/lib/postgresql/15/bin");
        assumeTrue(PgBinaries.complete(real), "PostgreSQL 15 binaries are absent");
        assertThat(PgBinaries.majorOf(real)).isEqualTo(15);
    }

    @Test
    void bogusConfiguredDirectoryNamesWhatIsMissingAndTheComposeAlternative() {
        EnvironmentOptions options = new EnvironmentOptions(tmp, "postgres", tmp.resolve("no-such-bin"), null);
        assertThatThrownBy(() -> Environments.factory("local", options))
                .isInstanceOf(EnvironmentException.class)
                .satisfies(e -> assertThat(((EnvironmentException) e).exitCode()).isEqualTo(ExitCode.ENVIRONMENT))
                .hasMessageContaining("no-such-bin")
                .hasMessageContaining("lacks initdb, pg_ctl")
                .hasMessageContaining("apt-get install postgresql-15")
                .hasMessageContaining("--env compose");
    }

    @Test
    void nothingFoundAnywhereSaysWhatToInstall() {
        assertThatThrownBy(() -> PgBinaries.discover(null, Map.of(), Optional::empty, List.of(tmp.resolve("x"))))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("no PostgreSQL server binaries found")
                .hasMessageContaining("apt-get install postgresql-15")
                .hasMessageContaining("PG_BIN")
                .hasMessageContaining("--env compose");
    }

    @Test
    void pgBinVariableWinsOverPgConfigAndUsualPaths() throws IOException {
        Path fromEnv = fakeBinDir("env");
        Path fromPgConfig = fakeBinDir("pgconfig");
        Path usual = fakeBinDir("usual");
        PgBinaries found = PgBinaries.discover(null, Map.of("PG_BIN", fromEnv.toString()),
                () -> Optional.of(fromPgConfig), List.of(usual));
        assertThat(found.binDir()).isEqualTo(fromEnv);
        assertThat(PgBinaries.discover(null, Map.of(), () -> Optional.of(fromPgConfig), List.of(usual)).binDir())
                .isEqualTo(fromPgConfig);
        assertThat(PgBinaries.discover(null, Map.of(), Optional::empty, List.of(tmp.resolve("none"), usual)).binDir())
                .isEqualTo(usual);
    }

    @Test
    void pgConfigPointingAtAClientOnlyInstallFallsBackToUsualPaths() throws IOException {
        Path clientOnly = Files.createDirectories(tmp.resolve("client/bin"));
        Path usual = fakeBinDir("usual");
        assertThat(PgBinaries.discover(null, Map.of(), () -> Optional.of(clientOnly), List.of(usual)).binDir())
                .isEqualTo(usual);
    }
}
