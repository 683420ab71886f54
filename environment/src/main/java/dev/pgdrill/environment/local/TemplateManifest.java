package dev.pgdrill.environment.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest of a cache entry ({@code <entry>/manifest}): the key it was built for, and the count,
 * total size and SHA-256 of the sorted listing (type, path, size) of its data directory. An entry
 * whose data directory no longer matches (a file gone or truncated, a half-copied directory) is
 * corrupt. A data directory holding anything but directories and regular files (a link, a pipe,
 * a device) is never listed, so never stored.
 */
record TemplateManifest(Map<String, String> fields) {
    static final String FILE = "manifest";
    private static final String HEADER = "pgdrill-template";

    static TemplateManifest of(TemplateKey key, Listing listing) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("key", key.hash());
        f.put("format", TemplateKey.FORMAT);
        f.put("files", Integer.toString(listing.files()));
        f.put("bytes", Long.toString(listing.bytes()));
        f.put("listing-sha256", listing.sha256());
        f.put("created", Instant.now().toString());
        key.facts().forEach(f::put);
        return new TemplateManifest(f);
    }

    /** The manifest in {@code entry}, or null when it is missing, not a plain file or not one. */
    static TemplateManifest read(Path entry) {
        Path file = entry.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                return null;
            }
            Map<String, String> f = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                int sp = line.indexOf(' ');
                if (sp > 0) {
                    f.put(line.substring(0, sp), line.substring(sp + 1));
                }
            }
            return new TemplateManifest(f);
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes it into {@code entry} and forces it to disk. */
    void write(Path entry) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        fields.forEach((k, v) -> text.append(k).append(' ').append(v.replace('\n', ' ')).append('\n'));
        Path file = entry.resolve(FILE);
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    String get(String name) {
        return fields.getOrDefault(name, "");
    }

    /** True when {@code listing} is what this manifest recorded. */
    boolean matches(Listing listing) {
        return get("listing-sha256").equals(listing.sha256()) && get("files").equals(Integer.toString(listing.files()));
    }

    /**
     * The listing of {@code dir}: every entry below it, links never followed.
     *
     * @throws IOException naming the first entry that is neither a directory nor a regular file
     */
    static Listing list(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
        List<String> lines = new ArrayList<>();
        long[] bytes = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                lines.add("d " + dir.relativize(d));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isRegularFile()) {
                    throw new IOException(file + " is neither a directory nor a regular file (a link, pipe or "
                            + "device): a template holds only those");
                }
                lines.add("f " + dir.relativize(file) + " " + attrs.size());
                bytes[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(lines);
        String all = String.join("\n", lines);
        return new Listing(lines.size(), bytes[0], TemplateKey.sha256(all.getBytes(StandardCharsets.UTF_8)));
    }

    /** What {@link #list} found: entries, bytes of regular files, SHA-256 of the sorted listing. */
    record Listing(int files, long bytes, String sha256) {
    }
}
