package dev.pgdrill.engine.env;

import java.util.List;

/**
 * What a drill asks of its environment: the scenario's {@code environment:} block, after the
 * command line's overrides. One component per key; a key the drill does not write keeps today's
 * default, so a new key (a PostgreSQL version, a database, seed files, settings) is one more
 * component with its default here.
 *
 * @param backupTool how WAL is archived, base backups taken and nodes restored
 */
public record EnvironmentSpec(BackupTool backupTool) {
    /** The keys of the {@code environment:} block, in the order the schema lists them. */
    public static final List<String> KEYS = List.of("backup-tool");

    public EnvironmentSpec {
        backupTool = backupTool == null ? BackupTool.PG_BASEBACKUP : backupTool;
    }

    /** Every default: pg_basebackup with a copied archive. */
    public static EnvironmentSpec defaults() {
        return new EnvironmentSpec(BackupTool.PG_BASEBACKUP);
    }

    /** This spec with {@code tool} instead, or unchanged when {@code tool} is null. */
    public EnvironmentSpec withBackupTool(BackupTool tool) {
        return tool == null ? this : new EnvironmentSpec(tool);
    }
}
