package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.ToolTime;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.common.Directories;
import dev.pgdrill.environment.common.ToolClock;

import java.nio.file.Path;

/**
 * Creates local environments. Binaries and the server OS user are resolved when the factory is
 * made, so a machine without PostgreSQL fails at once (exit code 3, naming what to install).
 */
public final class LocalEnvironmentFactory implements EnvironmentFactory {
    private final Path workRoot;
    private final ServerUser user;
    private final PgBinaries bins;

    public LocalEnvironmentFactory(EnvironmentOptions options) {
        this.bins = PgBinaries.discover(options.pgBin());
        this.user = ServerUser.forCurrentProcess(options.osUser());
        this.workRoot = Directories.workRoot(options.workRoot());
    }

    @Override
    public ToolTime toolTime() {
        return ToolClock.time();
    }

    @Override
    public Environment create(String runName) {
        return create(runName, EnvironmentSpec.defaults());
    }

    @Override
    public Environment create(String runName, EnvironmentSpec spec) {
        return new LocalEnvironment(runName, workRoot, user, bins, spec.backupTool());
    }

    /** Both: pg_basebackup with a copied archive, and pgBackRest (its package must be installed). */
    @Override
    public boolean supports(BackupTool tool) {
        return true;
    }
}
