package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.EnvironmentException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The Compose environment's files (docker-compose.yml, the primary's init scripts, the replica's
 * Dockerfile and entrypoint), packaged on the classpath under {@code /compose} from
 * {@code environment/}, copied into a directory of the run so the runner works from anywhere.
 */
final class ProjectFiles {
    static final List<String> FILES = List.of(
            "docker-compose.yml",
            "primary/init/00-configure-replication.sh",
            "primary/init/01-schema.sql",
            "primary/init/02-data.sql",
            "replica/Dockerfile",
            "replica/entrypoint.sh");

    private ProjectFiles() {
    }

    /** Writes the files into {@code dir} (created), readable by the containers' postgres user. */
    static void extract(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String name : FILES) {
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                for (Path p = target.getParent(); !p.equals(dir); p = p.getParent()) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                try (InputStream in = ProjectFiles.class.getResourceAsStream("/compose/" + name)) {
                    if (in == null) {
                        throw new EnvironmentException("the Compose file " + name + " is missing from the classpath "
                                + "(was the environment module built?)");
                    }
                    Files.copy(in, target);
                }
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                        name.endsWith(".sh") ? "rwxr-xr-x" : "rw-r--r--"));
            }
        } catch (IOException e) {
            throw new EnvironmentException("could not write the Compose files into " + dir + ": " + e.getMessage(), e);
        }
    }
}
