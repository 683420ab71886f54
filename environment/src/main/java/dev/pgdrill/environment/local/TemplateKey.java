package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.environment.common.NoFollow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a cluster template depends on, as canonical text and its SHA-256: the cache's format, the
 * server's exact version, the initdb options, the database, the backup tool (its archive command runs
 * while the seed loads), the drill's settings and every seed file's content (or the built-in seed's).
 * Two drills with the same key get byte-for-byte the same template; anything else is another key.
 *
 * @param text  the canonical key, one {@code name value} per line
 * @param hash  SHA-256 of {@code text}, hex
 * @param facts a few of its parts for {@code runner cache list}
 */
record TemplateKey(String text, String hash, Map<String, String> facts) {
    /** Bumped whenever what a template holds or how it is stored changes. */
    static final String FORMAT = "1";

    static TemplateKey of(String serverVersion, List<String> initdbOptions, String database, String backupTool,
                          Map<String, String> settings, List<Seed> seed) {
        StringBuilder text = new StringBuilder();
        text.append("format ").append(FORMAT).append('\n');
        text.append("server ").append(serverVersion.strip()).append('\n');
        text.append("initdb ").append(String.join(" ", initdbOptions)).append('\n');
        text.append("database ").append(database).append('\n');
        text.append("backup-tool ").append(backupTool).append('\n');
        new TreeMap<>(settings).forEach((k, v) -> text.append("setting ").append(k).append('=')
                .append(HexFormat.of().formatHex(v.getBytes(StandardCharsets.UTF_8))).append('\n'));
        for (Seed s : seed) {
            text.append("seed ").append(s.sha256()).append(' ').append(s.name()).append('\n');
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("server", serverVersion.strip());
        facts.put("database", database);
        facts.put("seed", String.join(", ", seed.stream().map(Seed::name).toList()));
        facts.put("settings", Integer.toString(settings.size()));
        facts.put("backup-tool", backupTool);
        return new TemplateKey(text.toString(), sha256(text.toString().getBytes(StandardCharsets.UTF_8)), facts);
    }

    /** One seed file: its name (for people) and the SHA-256 of its content (for the key). */
    record Seed(String name, String sha256) {
        /** Streamed (a seed may be large), from a regular file never reached through a link, bounded as its load is. */
        static Seed ofFile(Path file) {
            try (InputStream in = NoFollow.open(file)) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                NoFollow.copyBounded(in, new DigestOutputStream(OutputStream.nullOutputStream(), digest),
                        SeedFiles.MAX_SEED_BYTES, file);
                return new Seed(file.getFileName().toString(), HexFormat.of().formatHex(digest.digest()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            } catch (IOException e) {
                throw new EnvironmentException("could not read seed file " + file + ": " + e.getMessage(), e);
            }
        }

        static Seed ofText(String name, String content) {
            return new Seed(name, TemplateKey.sha256(content.getBytes(StandardCharsets.UTF_8)));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
