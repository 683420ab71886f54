package dev.pgdrill.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stand-in production made outside pgdrill by examples/restore-test/make-production.sh, for the tests of drills on
 * a source; and the SHA-256 of a whole tree, by which they prove a source unchanged.
 *
 * @param dir   the production's directory (cluster, WAL archive, backups, pgBackRest repository and config)
 * @param facts what the script wrote to production.env (TARGET_TIME, ROWS_AT_TARGET, BASE, WAL, ...)
 */
public record Production(Path dir, Map<String, String> facts) {
    private static final Path SCRIPT = Path.of("..", "examples", "restore-test", "make-production.sh");

    /** Makes a production in {@code root}/prod ({@code root} opened to the server user, who must pass through it). */
    public static Production make(Path root) throws Exception {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path prod = root.resolve("prod");
        Path log = root.resolve("make-production.log");
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), prod.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("make-production.sh did not finish within 180 s");
        }
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(prod.resolve("production.env"))) {
            String[] kv = line.split("=", 2);
            facts.put(kv[0], kv[1]);
        }
        return new Production(prod, facts);
    }

    public String fact(String name) {
        return facts.get(name);
    }

    /** SHA-256 over every path under {@code dir} (sorted), its kind, and each regular file's size and content. */
    public static String treeHash(Path dir) throws IOException, NoSuchAlgorithmException {
        MessageDigest all = MessageDigest.getInstance("SHA-256");
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = new ArrayList<>(walk.sorted().toList());
        }
        for (Path p : paths) {
            String kind = Files.isSymbolicLink(p) ? "link " + Files.readSymbolicLink(p)
                    : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "file " + Files.size(p);
            all.update((dir.relativize(p) + " " + kind + "\n").getBytes(StandardCharsets.UTF_8));
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                try (InputStream in = Files.newInputStream(p)) {
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        all.update(buf, 0, n);
                    }
                }
            }
        }
        return HexFormat.of().formatHex(all.digest());
    }
}
