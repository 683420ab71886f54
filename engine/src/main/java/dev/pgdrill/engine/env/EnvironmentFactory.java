package dev.pgdrill.engine.env;

import java.util.Map;

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
        String refused = unsupported(spec);
        if (refused != null) {
            throw new EnvironmentException(refused);
        }
        return create(runName);
    }

    /**
     * Why environments of this factory cannot be what {@code spec} asks (a backup tool, a PostgreSQL
     * version, a database, seed, settings or nodes it does not offer), or null when they can. This default
     * offers the backup tools of {@link #supports} and today's server only.
     */
    default String unsupported(EnvironmentSpec spec) {
        if (!supports(spec.backupTool())) {
            return "this environment does not offer backup tool '" + spec.backupTool() + "'";
        }
        return spec.defaultServer() ? null : "this environment offers only PostgreSQL " + PgVersion.DEFAULT
                + " with the default database, seed, settings and nodes (" + Topology.DEFAULT + ")";
    }

    /**
     * Why this machine cannot give {@code spec} although the backend offers it (a PostgreSQL version
     * whose server binaries are not installed), or null. A drill named on the command line still runs
     * and fails at set-up with the full message (exit 3); a drill found in a directory is left out.
     */
    default String unavailable(EnvironmentSpec spec) {
        return null;
    }

    /** Whether environments of this factory can archive, back up and restore with {@code tool}; this default: the default tool only. */
    default boolean supports(BackupTool tool) {
        return tool.isDefault();
    }

    /**
     * Facts about how this factory's environments were set up so far (e.g. the local backend's
     * {@code template-cache: hit}), for the run's report; empty by default.
     */
    default Map<String, String> facts() {
        return Map.of();
    }

    /** Time the environments of this factory spent in external programs so far; right on every backend. */
    default ToolTime toolTime() {
        return ToolTime.NONE;
    }
}
