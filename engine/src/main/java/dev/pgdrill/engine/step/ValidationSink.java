package dev.pgdrill.engine.step;

import dev.pgdrill.engine.model.Location;

/** Where validators report problems; each becomes a {@code file:line:column: message} line. */
@FunctionalInterface
public interface ValidationSink {
    void problem(Location where, String message);
}
