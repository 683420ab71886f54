package dev.pgdrill.environment.common;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.EnvironmentException;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Directory trees of a run (work directories, data directories, extracted Compose files). */
public final class Directories {
    private Directories() {
    }

    /**
     * The directory under which runs create their work directories; it must exist already. Creating a
     * missing one would, as root, leave directories behind wherever a typo points; so it is refused,
     * before anything starts, with exit code 2.
     *
     * @param configured the root from the options, or null for {@code java.io.tmpdir}
     * @throws dev.pgdrill.engine.api.DrillException exit code 2 when it does not exist or is no directory
     */
    public static Path workRoot(Path configured) {
        Path root = configured != null ? configured : Path.of(System.getProperty("java.io.tmpdir"));
        if (!Files.isDirectory(root)) {
            throw new DrillException(ExitCode.INVALID, "runner: the work "
                    + "root " + root.toAbsolutePath() + (Files.exists(root) ? " is not a directory" : " does not exist")
                    + " (set with --work-root or $" + WorkRoots.VARIABLE + "): create it or choose an existing "
                    + "directory; the runner does not create it");
        }
        return root;
    }

    /** Deletes {@code dir} and everything below it; a missing directory, or a file gone meanwhile, is fine. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new EnvironmentException("could not delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
