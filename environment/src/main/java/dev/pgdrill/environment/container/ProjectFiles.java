package dev.pgdrill.environment.container;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.environment.common.ServerFiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
 *
 * <p>The files are private: the directory is created fresh (a directory that already exists is
 * refused, so nothing another user prepared is used) with mode 0700, directories 0700 and files 0600
 * (0700 for scripts). The primary's init directory, which the container reads through a bind mount,
 * is owned by the container's {@code postgres} user and group ({@link Owner}); the root-only project
 * directory above it keeps any host user with those ids out.
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

    private static final String INIT_DIR = "primary/init";
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** The numeric user and group that own the primary's init files (the container's postgres), or {@link #ROOT}. */
    public record Owner(int uid, int gid) {
        public static final Owner ROOT = new Owner(0, 0);
    }

    private ProjectFiles() {
    }

    /** Writes today's files into {@code dir} (created), owned by root. */
    public static void extract(Path dir) {
        extract(dir, EnvironmentSpec.defaults(), Owner.ROOT);
    }

    /**
     * Writes the files for a drill asking {@code spec} into {@code dir}, which must not exist yet; the
     * primary's init files are owned by {@code initOwner}.
     */
    public static void extract(Path dir, EnvironmentSpec spec, Owner initOwner) {
        boolean own = ownSeedOrDatabase(spec);
        try {
            Files.createDirectory(dir, PRIVATE_DIR);
        } catch (FileAlreadyExistsException e) {
            throw new EnvironmentException("the Compose project directory " + dir + " already exists; a run's "
                    + "directory is always new, so it was not used (remove it if no run owns it)", e);
        } catch (IOException e) {
            throw new EnvironmentException("could not create the Compose project directory " + dir + ": "
                    + e.getMessage(), e);
        }
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
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
            if (!initOwner.equals(Owner.ROOT)) {
                chown(dir.resolve(INIT_DIR), initOwner);
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
        extract(dir, spec, Owner.ROOT);
        return dir.resolve(INIT_DIR);
    }

    /** Gives {@code top} and everything below it (all made by {@link #extract}, none a link) to {@code owner}. */
    private static void chown(Path top, Owner owner) throws IOException {
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path p : paths.toList()) {
                Files.setAttribute(p, "unix:uid", owner.uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", owner.gid(), LinkOption.NOFOLLOW_LINKS);
            }
        }
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

    /** A new private file (0600, scripts 0700) in new private directories: no other user can read it at any moment. */
    private static void write(Path dir, String name, InputStream in) throws IOException {
        Path target = dir.resolve(name);
        List<Path> missing = new ArrayList<>();
        for (Path p = target.getParent(); !p.equals(dir) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
             p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p, PRIVATE_DIR);
        }
        Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            in.transferTo(out);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(name.endsWith(".sh") ? "rwx------" : "rw-------"));
    }
}
