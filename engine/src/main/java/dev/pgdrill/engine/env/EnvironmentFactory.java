package dev.pgdrill.engine.env;

/** Creates a fresh environment for one drill run. */
@FunctionalInterface
public interface EnvironmentFactory {
    /** @param runName short name for the run (drill name), used in work directory or project names */
    Environment create(String runName);

    /**
     * A fresh environment as {@code spec} asks. This default serves only the defaults of
     * {@link EnvironmentSpec}; a backend that offers more overrides it and {@link #supports}.
     *
     * @throws EnvironmentException when {@code spec} asks for something this backend does not offer
     */
    default Environment create(String runName, EnvironmentSpec spec) {
        if (!supports(spec.backupTool())) {
            throw new EnvironmentException("this environment does not offer backup tool '" + spec.backupTool() + "'");
        }
        return create(runName);
    }

    /** Whether environments of this factory can archive, back up and restore with {@code tool}. */
    default boolean supports(BackupTool tool) {
        return tool == BackupTool.PG_BASEBACKUP;
    }

    /** Time the environments of this factory spent in external programs so far; right on every backend. */
    default ToolTime toolTime() {
        return ToolTime.NONE;
    }
}
