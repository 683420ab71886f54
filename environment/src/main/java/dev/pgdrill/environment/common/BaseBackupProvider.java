package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default provider: {@code pg_basebackup} (full backups; incremental ones on PostgreSQL 17+, restored
 * with {@code pg_combinebackup} of their chain) and a WAL archive filled by
 * {@code cp}, as every backend did before providers existed. The work is the backend's own
 * primitives ({@link BackendEnvironment#baseBackup}, {@link BackendEnvironment#copyBackupInto}, ...);
 * this class only puts them behind {@link BackupProvider}.
 */
final class BaseBackupProvider<N extends BackendNode> implements BackupProvider<N> {
    private final BackupTool tool;
    private final BackendEnvironment<N> env;

    BaseBackupProvider(BackupTool tool, BackendEnvironment<N> env) {
        this.tool = tool;
        this.env = env;
    }

    @Override
    public BackupTool tool() {
        return tool;
    }

    @Override
    public String describe() {
        String version = env.baseBackupVersion();
        return version == null ? tool().key() : tool().key() + " " + version;
    }

    @Override
    public String archiveCommand() {
        return env.copyArchiveCommand();
    }

    @Override
    public String restoreCommand() {
        return env.restoreCommand();
    }

    /**
     * A full backup, or an incremental one ({@code pg_basebackup --incremental}) against the manifest
     * of the latest earlier backup of the run, which it records as its parent; only from a PostgreSQL
     * 17+ server (the drill's version was checked at validate; this checks the server itself).
     */
    @Override
    public BackupInfo backup(N node, String name, BackupType type, BackupCatalog catalog, Duration timeout) {
        if (type != BackupType.INCR) {
            return env.baseBackup(node, name);
        }
        BackupInfo parent = catalog.latestBase();
        if (parent == null) {
            throw new EnvironmentException("incremental backup '" + name + "': no earlier base backup in this run to "
                    + "build on (take a backup with type: full first)");
        }
        int major = serverMajor(node);
        String refusal = tool().refusal(type, major);
        if (refusal != null) {
            throw new EnvironmentException("incremental backup '" + name + "' of node '" + node.name() + "': "
                    + refusal);
        }
        return env.incrementalBackup(node, name, parent);
    }

    /** Restores a full backup as it is, an incremental one as {@code pg_combinebackup} of its chain. */
    @Override
    public void restoreInto(N node, BackupInfo backup, RecoveryTarget target, RestoreAction action, Duration timeout) {
        Map<String, String> settings = new LinkedHashMap<>();
        ArchiveRecovery.put(settings, restoreCommand(), target, action);
        if (backup.parent() == null) {
            env.copyBackupInto(node, backup, settings);
        } else {
            env.combineBackupsInto(node, env.catalog.chain(backup), settings);
        }
    }

    /**
     * As {@link #restoreInto} to the end of the archive on the latest timeline; the backend's standby settings then
     * replace its recovery signal with {@code standby.signal}.
     */
    @Override
    public void restoreAsStandby(N node, BackupInfo backup, Duration timeout) {
        restoreInto(node, backup, RecoveryTarget.latest().withTimeline(RecoveryTarget.LATEST), null, timeout);
    }

    /** The PostgreSQL major of {@code node}'s running server. */
    private static int serverMajor(BackendNode node) {
        try (Connection c = node.connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new EnvironmentException("could not read the server version of node '" + node.name() + "': "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<String> archiveListing() {
        return env.archiveListing();
    }

    @Override
    public List<String> check(N primary, BackupCatalog catalog, Duration timeout) {
        return env.verifyBaseBackups(catalog.list().stream().filter(b -> !b.naive()).toList());
    }
}
