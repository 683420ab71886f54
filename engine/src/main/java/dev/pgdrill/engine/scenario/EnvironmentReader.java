package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.env.BackupSource;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.FailoverManager;
import dev.pgdrill.engine.env.PgVersion;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.step.StepType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads a scenario's {@code environment:} block into an {@link EnvironmentSpec}, and checks the steps
 * against it. Every key is optional; an unknown key or value is a problem at its position.
 *
 * <pre>
 * environment:
 *   backup-tool: pgbackrest        # pg_basebackup (default) | pgbackrest
 *   postgres: 17                   # 15 (default) | 17 | a requirement such as ">= 17"
 *   database: shop                 # default statelessCommerce
 *   seed: [schema.sql, data.sql]   # in the scenario file's directory tree; SQL or pg_dump -Fc archives
 *   settings: { wal_compression: "on", checkpoint_timeout: 5min }
 *   nodes: { primary: {}, s1: { follows: primary } }   # see NodesReader; default primary + replica
 *   failover-manager: patroni      # none (default): the drill promotes | patroni: Patroni + etcd elect the leader
 *   patroni: { ttl: 30, loop-wait: 10, retry-timeout: 10, maximum-lag-on-failover: 1MB,
 *              synchronous-mode: false, use-pg-rewind: true }   # see PatroniReader
 *   source: { basebackup: { dir: D, wal: W } }          # see SourceReader; no nodes then, restores create them
 *   objectives: { rto: 15m, max-backup-age: 26h, max-wal-age: 10m }   # with a source only
 * </pre>
 */
final class EnvironmentReader {
    private EnvironmentReader() {
    }

    /** The block's spec (defaults for what it does not say); problems go to {@code problems}. */
    static EnvironmentSpec read(YamlNode.Entry entry, Path file, Problems problems) {
        return read(entry, file, problems, text -> text);
    }

    /**
     * As {@link #read(YamlNode.Entry, Path, Problems)}; {@code resolve} gives the text of a source's values with
     * their {@code ${vars.X}} resolved (null when it cannot).
     */
    static EnvironmentSpec read(YamlNode.Entry entry, Path file, Problems problems, UnaryOperator<String> resolve) {
        EnvironmentSpec spec = EnvironmentSpec.defaults();
        if (entry == null || entry.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return spec;
        }
        if (!(entry.value() instanceof YamlNode.Mapping m)) {
            problems.add(entry.value().location(), "'environment' must be a mapping, e.g. "
                    + "'environment: { backup-tool: pgbackrest }', found " + YamlNode.describe(entry.value()));
            return spec;
        }
        YamlNode.Entry patroniBlock = null;
        SourceReader sources = new SourceReader(problems, resolve);
        BackupSource source = null;
        BackupSource.Objectives objectives = null;
        for (YamlNode.Entry e : m.entries()) {
            if (e.key().equals("source")) {
                source = sources.source(e);
                continue;
            }
            if (e.key().equals("objectives")) {
                objectives = sources.objectives(e);
                continue;
            }
            if (!EnvironmentSpec.KEYS.contains(e.key())) {
                problems.add(e.keyLocation(), "unknown key '" + e.key() + "' in 'environment'"
                        + DidYouMean.hint(e.key(), EnvironmentSpec.KEYS) + " (expected: "
                        + String.join(", ", EnvironmentSpec.KEYS) + ")");
                continue;
            }
            spec = switch (e.key()) {
                case "backup-tool" -> spec.withBackupTool(backupTool(e, problems));
                case "postgres" -> spec.withPostgres(postgres(e, problems));
                case "database" -> spec.withDatabase(database(e, problems));
                case "seed" -> spec.withSeed(seed(e, file, problems));
                case "nodes" -> spec.withTopology(NodesReader.read(e, problems));
                case "failover-manager" -> spec.withFailoverManager(failoverManager(e, problems));
                case "patroni" -> {
                    patroniBlock = e;
                    yield spec.withPatroni(PatroniReader.read(e, problems));
                }
                default -> spec.withSettings(SettingsReader.read(e, problems));
            };
        }
        if (patroniBlock != null && !spec.failoverManager().key().equals("patroni")) {
            problems.add(patroniBlock.keyLocation(), "'patroni' settings apply only to a drill with "
                    + "'failover-manager: patroni' (this drill's manager is '" + spec.failoverManager() + "')");
        }
        return withSource(spec, m, source, objectives, problems);
    }

    /**
     * {@code spec} with its source (and the objectives on it). A source restores with its own tool into new
     * nodes: {@code nodes} and {@code backup-tool} beside it are problems, so are objectives without it; a drill
     * that names no {@code database} works in {@code postgres}.
     */
    private static EnvironmentSpec withSource(EnvironmentSpec spec, YamlNode.Mapping m, BackupSource source,
                                              BackupSource.Objectives objectives, Problems problems) {
        if (m.entry("source") == null) {
            if (m.entry("objectives") != null) {
                problems.add(m.entry("objectives").keyLocation(), "'objectives' are checked by a restore from a "
                        + "'source' (environment: source:), which this drill does not name");
            }
            return spec;
        }
        for (String key : List.of("nodes", "backup-tool", "seed", "failover-manager", "patroni")) {
            if (m.entry(key) != null) {
                problems.add(m.entry(key).keyLocation(), "'" + key + "' does not go with 'source': a drill on a source "
                        + "starts no node of its own; its restore steps create them from the source's backups "
                        + "with the source's own tool");
            }
        }
        if (source == null) {
            return spec;
        }
        EnvironmentSpec out = spec.withSource(objectives == null ? source : source.withObjectives(objectives));
        return m.entry("database") == null ? out.withDatabase("postgres") : out;
    }

    private static PgVersion postgres(YamlNode.Entry e, Problems problems) {
        String text = e.value() instanceof YamlNode.Scalar s && !s.isNull() ? String.valueOf(s.value()) : null;
        PgVersion version = PgVersion.parse(text).orElse(null);
        if (version == null) {
            problems.add(e.value().location(), (text == null ? "'postgres' must be a version, found "
                    + YamlNode.describe(e.value()) : "PostgreSQL " + text + " is not offered") + " (expected "
                    + PgVersion.expected() + ")");
        }
        return version;
    }

    private static String database(YamlNode.Entry e, Problems problems) {
        String name = e.value() instanceof YamlNode.Scalar s && s.value() instanceof String t ? t : null;
        if (name == null || !EnvironmentSpec.DATABASE.matcher(name).matches()) {
            problems.add(e.value().location(), "'database' must be a plain name (letters, digits and '_', "
                    + "at most 63, not starting with a digit), found " + YamlNode.describe(e.value()));
            return null;
        }
        return name;
    }

    /**
     * The seed files, each the real path of a readable regular file in the scenario's directory tree
     * ({@link ConfinedFiles#resolve}).
     */
    private static List<Path> seed(YamlNode.Entry e, Path file, Problems problems) {
        List<YamlNode> items = e.value() instanceof YamlNode.Sequence q ? q.items()
                : e.value() instanceof YamlNode.Scalar s && !s.isNull() ? List.of(e.value()) : null;
        if (items == null) {
            problems.add(e.value().location(), "'seed' must be a list of files (SQL or pg_dump custom archives), "
                    + "found " + YamlNode.describe(e.value()));
            return null;
        }
        List<Path> files = new ArrayList<>();
        for (YamlNode item : items) {
            String name = item instanceof YamlNode.Scalar s && s.value() instanceof String t && !t.isBlank() ? t : null;
            if (name == null) {
                problems.add(item.location(), "'seed': expected a file name, found " + YamlNode.describe(item));
                continue;
            }
            try {
                files.add(ConfinedFiles.resolve(file, name));
            } catch (ConfinedFiles.Refused why) {
                String missing = why.getMessage().equals("does not exist")
                        ? file.toAbsolutePath().getParent().resolve(name).normalize() + "; " : "";
                problems.add(item.location(), "seed file '" + name + "' " + why.getMessage() + " (" + missing
                        + "paths are relative to the scenario file)");
            }
        }
        return files;
    }

    /** Why {@code seedFile} cannot be read as a seed file, or null when it can. */
    static String seedFileProblem(Path seedFile) {
        if (!Files.exists(seedFile)) {
            return "does not exist";
        }
        if (!Files.isRegularFile(seedFile)) {
            return "is not a regular file";
        }
        return Files.isReadable(seedFile) ? null : "is not readable";
    }

    private static FailoverManager failoverManager(YamlNode.Entry e, Problems problems) {
        String name = e.value() instanceof YamlNode.Scalar s && !s.isNull() ? String.valueOf(s.value()) : null;
        FailoverManager manager = name == null ? null : FailoverManager.of(name).orElse(null);
        if (manager == null) {
            problems.add(e.value().location(), (name == null ? "'failover-manager' must be a name, found "
                    + YamlNode.describe(e.value()) : "unknown failover manager '" + name + "'"
                    + DidYouMean.hint(name, FailoverManager.keys())) + " (expected one of: "
                    + String.join(", ", FailoverManager.keys()) + ")");
        }
        return manager;
    }

    private static BackupTool backupTool(YamlNode.Entry e, Problems problems) {
        if (e.value() instanceof YamlNode.Scalar s && !s.isNull()) {
            String name = String.valueOf(s.value());
            BackupTool tool = BackupTool.of(name).orElse(null);
            if (tool == null) {
                problems.add(e.value().location(), "unknown backup tool '" + name + "'"
                        + DidYouMean.hint(name, BackupTool.keys()) + " (expected one of: "
                        + String.join(", ", BackupTool.keys()) + ")");
            }
            return tool;
        }
        problems.add(e.value().location(), "'backup-tool' must be one of " + String.join(", ", BackupTool.keys())
                + ", found " + YamlNode.describe(e.value()));
        return null;
    }

    /** Each step's {@link StepType#checkEnvironment} against {@code spec}; problems go to {@code problems}. */
    static void check(StepRegistry registry, List<StepSpec> steps, EnvironmentSpec spec, Problems problems) {
        for (StepSpec step : steps) {
            registry.find(step.type()).ifPresent(type ->
                    type.checkEnvironment(step, spec, (where, message) -> problems.add(where, step.label() + ": " + message)));
        }
    }
}
