package dev.pgdrill.engine.model;

import java.nio.file.Path;

/** A position in a scenario file, 1-based, as editors show it. */
public record Location(Path file, int line, int column) {
    public static Location of(Path file) {
        return new Location(file, 1, 1);
    }

    /** {@code pitr.yaml:23:5}, using the file name as the user gave it. */
    @Override
    public String toString() {
        return (file == null ? "<input>" : file.toString()) + ":" + line + ":" + column;
    }
}
