package dev.pgdrill.environment.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's numeric user and group ids (Linux: {@code /proc/self/status}). */
final class Ids {
    private Ids() {
    }

    static int uid() {
        return field("Uid:");
    }

    static int gid() {
        return field("Gid:");
    }

    private static int field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Integer.parseInt(line.split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // below
        }
        throw new IllegalStateException("cannot read " + name + " of /proc/self/status: the template cache needs Linux");
    }
}
