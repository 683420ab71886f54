package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.model.Location;

import java.util.Comparator;

/**
 * One thing wrong with a scenario file, printed as {@code file:line:column: message}. A location
 * with line 0 stands for the whole file (e.g. the file does not exist) and prints as {@code file: message}.
 */
public record Problem(Location location, String message) {
    /** Orders problems of one file as they appear in it. */
    public static final Comparator<Problem> BY_POSITION =
            Comparator.comparingInt((Problem p) -> p.location().line()).thenComparingInt(p -> p.location().column());

    @Override
    public String toString() {
        if (location.line() <= 0) {
            return (location.file() == null ? "<input>" : location.file().toString()) + ": " + message;
        }
        return location + ": " + message;
    }
}
