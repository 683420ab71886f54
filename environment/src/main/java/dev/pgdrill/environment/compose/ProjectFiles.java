package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.environment.common.ServerFiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Compose environment's files (docker-compose.yml, the primary's init scripts, the replica's
 * Dockerfile and entrypoint), packaged on the classpath under {@code /compose} from
 * {@code environment/}, copied into a directory of the run so the runner works from anywhere.
 *
 * <p>A drill with its own database, seed files or settings also gets {@code primary/init/pgdrill/}:
 * {@code database} (its name), {@code seed-NN.sql} / {@code seed-NN.dump} (its seed files in order,
 * or today's seed when it names only a database) and {@code settings.conf}; {@code 03-pgdrill-drill.sh}
 * loads them. Today's seed then stays out of the default database. Without any of them the files are
 * today's.
 */
public final class ProjectFiles {
    static final List<String> FILES = List.of(
            "docker-compose.yml",
            "primary/init/00-configure-replication.sh",
            "primary/init/01-schema.sql",
            "primary/init/02-data.sql",
            "primary/init/03-pgdrill-drill.sh",
            "replica/Dockerfile",
            "replica/entrypoint.sh");
    private static final List<String> DEFAULT_SEED = List.of("primary/init/01-schema.sql", "primary/init/02-data.sql");
    /** Where the primary's container sees the drill's files. */
    static final String IN_CONTAINER = "/docker-entrypoint-initdb.d/pgdrill";
    private static final String DRILL_DIR = "primary/init/pgdrill";

    private ProjectFiles() {
    }

    /** Writes today's files into {@code dir} (created), readable by the containers' postgres user. */
    static void extract(Path dir) {
        extract(dir, EnvironmentSpec.defaults());
    }

    /** Writes the files for a drill asking {@code spec} into {@code dir}. */
    static void extract(Path dir, EnvironmentSpec spec) {
        boolean own = ownSeedOrDatabase(spec);
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String name : FILES) {
                if (own && DEFAULT_SEED.contains(name)) {
                    continue;
                }
                try (InputStream in = resource(name)) {
                    write(dir, name, in);
                }
            }
            if (own || !spec.settings().isEmpty()) {
                writeDrillFiles(dir, spec);
            }
        } catch (IOException e) {
            throw new EnvironmentException("could not write the Compose files into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean ownSeedOrDatabase(EnvironmentSpec spec) {
        return !spec.defaultSeed() || !spec.database().equals(EnvironmentSpec.DEFAULT_DATABASE);
    }

    private static void writeDrillFiles(Path dir, EnvironmentSpec spec) throws IOException {
        if (!spec.database().equals(EnvironmentSpec.DEFAULT_DATABASE)) {
            write(dir, DRILL_DIR + "/database", in(spec.database()));
        }
        if (ownSeedOrDatabase(spec)) {
            List<String> seeds = seedNames(spec);
            for (int i = 0; i < seeds.size(); i++) {
                try (InputStream in = spec.defaultSeed() ? resource(DEFAULT_SEED.get(i))
                        : Files.newInputStream(spec.seed().get(i))) {
                    write(dir, DRILL_DIR + "/" + seeds.get(i), in);
                }
            }
        }
        if (!spec.settings().isEmpty()) {
            write(dir, DRILL_DIR + "/settings.conf", in(spec.settings().entrySet().stream()
                    .map(e -> ServerFiles.settingLine(e.getKey(), e.getValue()) + "\n").collect(Collectors.joining())));
        }
    }

    /** {@code seed-01.sql}, {@code seed-02.dump}, ...: the names the drill's seed files get, in order. */
    static List<String> seedNames(EnvironmentSpec spec) {
        List<String> names = new ArrayList<>();
        int count = spec.defaultSeed() ? DEFAULT_SEED.size() : spec.seed().size();
        for (int i = 0; i < count; i++) {
            boolean dump = !spec.defaultSeed() && ServerFiles.isCustomArchive(spec.seed().get(i));
            names.add(String.format("seed-%02d.%s", i + 1, dump ? "dump" : "sql"));
        }
        return names;
    }

    /**
     * Writes the primary's init scripts for a drill asking {@code spec} (today's, or with its own
     * database, seed files and settings under {@code pgdrill/}) into {@code dir}; returns the directory
     * whose files belong in the primary's {@code /docker-entrypoint-initdb.d} (the Testcontainers backend
     * copies them in).
     */
    public static Path primaryInit(Path dir, EnvironmentSpec spec) {
        extract(dir, spec);
        return dir.resolve("primary/init");
    }

    /** {@code text} (container logs) with each seed file's name in the container replaced by the user's own path. */
    public static String originalNames(String text, EnvironmentSpec spec) {
        if (spec.defaultSeed()) {
            return text;
        }
        List<String> names = seedNames(spec);
        String out = text;
        for (int i = 0; i < names.size(); i++) {
            out = out.replace(IN_CONTAINER + "/" + names.get(i), spec.seed().get(i).toString());
        }
        return out;
    }

    private static InputStream resource(String name) {
        InputStream in = ProjectFiles.class.getResourceAsStream("/compose/" + name);
        if (in == null) {
            throw new EnvironmentException("the Compose file " + name + " is missing from the classpath "
                    + "(was the environment module built?)");
        }
        return in;
    }

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path dir, String name, InputStream in) throws IOException {
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        for (Path p = target.getParent(); !p.equals(dir); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                name.endsWith(".sh") ? "rwxr-xr-x" : "rw-r--r--"));
    }
}
