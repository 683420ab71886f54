package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.PgVersion;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line's overrides of a scenario's {@code environment:} block, for CI matrices: each
 * null or empty component keeps the file's value (see {@link ScenarioLoader#withOverrides}).
 *
 * @param backupTool {@code --backup-tool}
 * @param postgres   {@code --pg-version}: replaces the file's version, but must meet its requirement
 * @param seed       {@code --seed FILE}s (relative to the working directory): replace the file's seed when not empty
 * @param settings   {@code --setting NAME=VALUE}s: over the file's settings
 */
public record EnvironmentOverrides(BackupTool backupTool, PgVersion postgres, List<Path> seed,
                                   Map<String, String> settings) {
    /** No override at all. */
    public static final EnvironmentOverrides NONE = new EnvironmentOverrides(null, null, List.of(), Map.of());

    public EnvironmentOverrides {
        seed = seed == null ? List.of() : List.copyOf(seed);
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Only {@code --backup-tool}. */
    public static EnvironmentOverrides backupTool(BackupTool tool) {
        return new EnvironmentOverrides(tool, null, List.of(), Map.of());
    }

    /** {@code spec} with these overrides applied; a {@code --setting} replaces a node's own setting of that name too. */
    EnvironmentSpec applyTo(EnvironmentSpec spec) {
        return spec.withBackupTool(backupTool).withPostgres(postgres)
                .withSeed(seed.isEmpty() ? null : seed.stream().map(p -> p.toAbsolutePath().normalize()).toList())
                .withSettings(settings).withTopology(spec.topology().withoutSettings(settings.keySet()));
    }

    /**
     * Why {@code --pg-version} cannot run a drill whose file states a version requirement
     * ({@code postgres: ">= 17"}), or null when it can (or when there is no {@code --pg-version}).
     */
    public String versionRefusal(EnvironmentSpec file) {
        if (postgres == null || !file.versionStated() || !file.postgres().atLeast()
                || file.postgres().admits(postgres.chosen())) {
            return null;
        }
        return "the drill needs PostgreSQL " + file.postgres() + " (its environment: postgres), but --pg-version asks for "
                + postgres;
    }

    boolean isEmpty() {
        return backupTool == null && postgres == null && seed.isEmpty() && settings.isEmpty();
    }
}
