package dev.pgdrill.environment.container;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The Compose project directory: always new, and nothing in it readable by other users of the host. */
public class ProjectFilesTest {
    @TempDir
    Path dir;

    /** Every path below {@code top} (itself included) that group or others may read, write or enter. */
    public static List<String> openToOthers(Path top) throws Exception {
        Set<PosixFilePermission> closed = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        try (Stream<Path> paths = Files.walk(top)) {
            return paths.filter(p -> {
                try {
                    return !closed.containsAll(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).map(Path::toString).toList();
        }
    }

    @Test
    void theSeedAndEveryOtherFileIsPrivateAndTheInitFilesBelongToTheContainersPostgres() throws Exception {
        assumeThat(System.getProperty("user.name")).as("giving files away needs root").isEqualTo("root");
        Path seed = Files.writeString(dir.resolve("rows.sql"), "INSERT INTO secrets VALUES ('s3cr3t');\n");
        Files.setPosixFilePermissions(seed, PosixFilePermissions.fromString("rw-r--r--"));
        Path project = dir.resolve("pgdrill-run-abc123");
        ProjectFiles.extract(project, new EnvironmentSpec(null, null, "shop", List.of(seed), Map.of("work_mem", "7MB")),
                new ProjectFiles.Owner(4242, 4343));

        assertThat(openToOthers(project)).isEmpty();
        Path copy = project.resolve("primary/init/pgdrill/seed-01.sql");
        assertThat(copy).hasContent("INSERT INTO secrets VALUES ('s3cr3t');");
        assertThat(Files.getPosixFilePermissions(copy)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(project.resolve("primary/init/03-pgdrill-drill.sh")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> init = Files.walk(project.resolve("primary/init"))) {
            assertThat(init.toList()).hasSizeGreaterThan(5).allSatisfy(p -> {
                assertThat(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(p.toString()).isEqualTo(4242);
                assertThat(Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)).as(p.toString()).isEqualTo(4343);
            });
        }
        assertThat(Files.getAttribute(project, "unix:uid")).as("the project directory stays root's").isEqualTo(0);
    }

    @Test
    void aProjectDirectoryThatAlreadyExistsIsNeverUsed() throws Exception {
        Path project = Files.createDirectories(dir.resolve("pgdrill-run-abc123"));
        Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path planted = Files.writeString(project.resolve("docker-compose.yml"), "services: {}\n");

        assertThatThrownBy(() -> ProjectFiles.extract(project, EnvironmentSpec.defaults(), ProjectFiles.Owner.ROOT))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("the Compose project directory " + project + " already exists; a run's directory is always "
                        + "new, so it was not used (remove it if no run owns it)");
        assertThat(planted).hasContent("services: {}");
        try (Stream<Path> files = Files.list(project)) {
            assertThat(files).containsExactly(planted);
        }
    }
}
