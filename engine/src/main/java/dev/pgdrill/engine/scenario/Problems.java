package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.model.Location;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Collects the problems of one file while it is read and checked. */
final class Problems {
    private final Path file;
    private final List<Problem> list = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    List<Problem> list() {
        return list;
    }

    void add(Location where, String message) {
        list.add(new Problem(where, message));
    }

    /** Problem for the whole file (no position). */
    void addForFile(String message) {
        list.add(new Problem(new Location(file, 0, 0), message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    /** Sorted by position, duplicates removed. */
    List<Problem> sorted() {
        List<Problem> out = new ArrayList<>(new LinkedHashSet<>(list));
        out.sort(Problem.BY_POSITION);
        return out;
    }
}
