package dev.pgdrill.engine.env;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a drill asks of its environment: the scenario's {@code environment:} block, after the
 * command line's overrides. One component per key; a key the drill does not write keeps today's
 * default, so a new key is one more component with its default here.
 *
 * @param backupTool how WAL is archived, base backups taken and nodes restored
 * @param postgres   the PostgreSQL major version (or requirement) the nodes run, or null when the drill states none:
 *                   then each backend runs what it ran before ({@link PgVersion#DEFAULT}, or the image or binaries
 *                   its own options name), see {@link #version()}
 * @param database   the database the drill's SQL runs in (default {@value #DEFAULT_DATABASE}); a {@link #DATABASE} name
 * @param seed       files run in order at set-up into {@code database} (SQL files, or {@code pg_dump} custom
 *                   archives restored with {@code pg_restore}), already resolved; null for today's seed
 *                   (the statelessCommerce schema and rows), empty for none
 * @param settings   server settings written to the configuration of every node, in order; names are
 *                   {@link #SETTING} names, values free text without control characters (never SQL or shell text)
 * @param topology   the nodes the environment starts with and who follows whom ({@link Topology#DEFAULT}: primary,
 *                   and replica streaming from it); every backend sets it up, the checker and the plan name its nodes
 * @param failoverManager who elects the leader ({@link FailoverManager#NONE} by default: the drill promotes)
 * @param patroni  the DCS settings of a Patroni cluster (used when {@code failoverManager} is {@code patroni})
 * @param source     backups that exist outside pgdrill, restored read-only into new nodes; null for none (then the
 *                   environment starts the topology). With a source the environment starts no node
 */
public record EnvironmentSpec(BackupTool backupTool, PgVersion postgres, String database, List<Path> seed,
                              Map<String, String> settings, Topology topology, FailoverManager failoverManager,
                              PatroniSettings patroni, BackupSource source) {
    /** The keys of the {@code environment:} block, in the order the schema lists them. */
    public static final List<String> KEYS = List.of("backup-tool", "postgres", "database", "seed", "settings",
            "nodes", "failover-manager", "patroni", "source", "objectives");
    /** Today's database. */
    public static final String DEFAULT_DATABASE = "statelessCommerce";
    /** A database name: a plain identifier, quoted where it is used. */
    public static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /** A server setting's name (see {@link ServerSettings#NAME}). */
    public static final Pattern SETTING = ServerSettings.NAME;
    /** Settings a drill may not write (see {@link ServerSettings#RESERVED}). */
    public static final List<String> RESERVED_SETTINGS = ServerSettings.RESERVED;

    public EnvironmentSpec {
        backupTool = backupTool == null ? BackupTool.defaultTool() : backupTool;
        database = database == null ? DEFAULT_DATABASE : database;
        seed = seed == null ? null : List.copyOf(seed);
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        topology = topology == null ? Topology.DEFAULT : topology;
        failoverManager = failoverManager == null ? FailoverManager.none() : failoverManager;
        patroni = patroni == null ? PatroniSettings.DEFAULTS : patroni;
    }

    /** A spec without a failover manager or a source. */
    public EnvironmentSpec(BackupTool backupTool, PgVersion postgres, String database, List<Path> seed,
                           Map<String, String> settings, Topology topology) {
        this(backupTool, postgres, database, seed, settings, topology, null, null, null);
    }

    /** A spec with {@link Topology#DEFAULT}. */
    public EnvironmentSpec(BackupTool backupTool, PgVersion postgres, String database, List<Path> seed,
                           Map<String, String> settings) {
        this(backupTool, postgres, database, seed, settings, null);
    }

    /** A spec asking only for {@code backupTool}, every other key at its default. */
    public EnvironmentSpec(BackupTool backupTool) {
        this(backupTool, null, null, null, null);
    }

    /** Every default: pg_basebackup with a copied archive, PostgreSQL 15, statelessCommerce and its seed, no settings. */
    public static EnvironmentSpec defaults() {
        return new EnvironmentSpec((BackupTool) null);
    }

    /** This spec with {@code tool} instead, or unchanged when {@code tool} is null. */
    public EnvironmentSpec withBackupTool(BackupTool tool) {
        return tool == null ? this : new EnvironmentSpec(tool, postgres, database, seed, settings, topology, failoverManager, patroni, source);
    }

    /** This spec with {@code version} instead, or unchanged when null. */
    public EnvironmentSpec withPostgres(PgVersion version) {
        return version == null ? this : new EnvironmentSpec(backupTool, version, database, seed, settings, topology, failoverManager, patroni, source);
    }

    /** This spec with {@code name} instead, or unchanged when null. */
    public EnvironmentSpec withDatabase(String name) {
        return name == null ? this : new EnvironmentSpec(backupTool, postgres, name, seed, settings, topology, failoverManager, patroni, source);
    }

    /** This spec with the seed {@code files} instead (null keeps the current seed). */
    public EnvironmentSpec withSeed(List<Path> files) {
        return files == null ? this : new EnvironmentSpec(backupTool, postgres, database, files, settings, topology, failoverManager, patroni, source);
    }

    /** This spec with {@code more} settings over its own (a name given twice takes the later value). */
    public EnvironmentSpec withSettings(Map<String, String> more) {
        if (more == null || more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(more);
        return new EnvironmentSpec(backupTool, postgres, database, seed, all, topology, failoverManager, patroni, source);
    }

    /** This spec with the nodes of {@code nodes} instead, or unchanged when null. */
    public EnvironmentSpec withTopology(Topology nodes) {
        return nodes == null ? this : new EnvironmentSpec(backupTool, postgres, database, seed, settings, nodes, failoverManager, patroni, source);
    }

    /** This spec with {@code manager} instead, or unchanged when null. */
    public EnvironmentSpec withFailoverManager(FailoverManager manager) {
        return manager == null ? this : new EnvironmentSpec(backupTool, postgres, database, seed, settings, topology,
                manager, patroni, source);
    }

    /** This spec with the Patroni settings {@code dcs} instead, or unchanged when null. */
    public EnvironmentSpec withPatroni(PatroniSettings dcs) {
        return dcs == null ? this : new EnvironmentSpec(backupTool, postgres, database, seed, settings, topology,
                failoverManager, dcs, source);
    }

    /** This spec with {@code backups} as its source, or unchanged when null. */
    public EnvironmentSpec withSource(BackupSource backups) {
        return backups == null ? this : new EnvironmentSpec(backupTool, postgres, database, seed, settings, topology,
                failoverManager, patroni, backups);
    }

    /** Whether the drill restores backups from outside ({@link #source()}) instead of starting its own nodes. */
    public boolean hasSource() {
        return source != null;
    }

    /** The nodes that exist when the first step runs: none with a source, else the topology's. */
    public List<String> initialNodes() {
        return source == null ? topology.names() : List.of();
    }

    /** Whether a failover manager elects the leader (not {@link FailoverManager#NONE}). */
    public boolean managed() {
        return !failoverManager.isNone();
    }

    /** The version asked for: the stated one, else {@link PgVersion#DEFAULT}. */
    public PgVersion version() {
        return postgres == null ? PgVersion.DEFAULT : postgres;
    }

    /** Whether the drill (or {@code --pg-version}) states a version; if not, a backend keeps its own default. */
    public boolean versionStated() {
        return postgres != null;
    }

    /** The PostgreSQL major the nodes run. */
    public int major() {
        return version().chosen();
    }

    /** Whether the seed is today's (statelessCommerce schema and rows). */
    public boolean defaultSeed() {
        return seed == null;
    }

    /** Whether everything but the backup tool is today's default (the case every backend offers). */
    public boolean defaultServer() {
        return major() == PgVersion.DEFAULT.major() && database.equals(DEFAULT_DATABASE) && seed == null
                && settings.isEmpty() && topology.equals(Topology.DEFAULT) && !managed()
                && source == null;
    }

    /** Why a drill may not write the setting {@code name}, or null when it may (see {@link ServerSettings}). */
    public static String badSettingName(String name) {
        return ServerSettings.badName(name);
    }

    /** Why {@code value} cannot be a setting's value, or null when it can (see {@link ServerSettings}). */
    public static String badSettingValue(String value) {
        return ServerSettings.badValue(value);
    }
}
