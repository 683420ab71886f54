package dev.pgdrill.junit;

/** A Java-side check run at a point of a drill; a thrown exception or assertion error fails the drill. */
@FunctionalInterface
public interface DrillCheck {
    void check(DrillNodes nodes) throws Exception;
}
