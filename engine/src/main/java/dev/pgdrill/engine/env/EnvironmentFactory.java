package dev.pgdrill.engine.env;

/** Creates a fresh environment for one drill run. */
@FunctionalInterface
public interface EnvironmentFactory {
    /** @param runName short name for the run (drill name), used in work directory or project names */
    Environment create(String runName);

    /** Time the environments of this factory spent in external programs so far; right on every backend. */
    default ToolTime toolTime() {
        return ToolTime.NONE;
    }
}
