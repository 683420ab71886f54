package dev.pgdrill.engine.env;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Predicate;

/**
 * A backup tool an environment can archive WAL, take base backups and restore with: the scenario's
 * {@code environment: { backup-tool: ... }} or {@code --backup-tool}. What each can do is declared
 * here, so a drill asking for more is refused before anything runs.
 *
 * <p>Tools are found with {@link ServiceLoader} (listed in {@code META-INF/services/dev.pgdrill.engine.env.BackupTool}):
 * a new tool is one subclass, which the environment module also asks for the tool's provider, and one
 * line there; nothing names it. When two classes claim one key, the first on the class path wins.
 */
public abstract class BackupTool {
    /** The tool of a drill that names none. */
    public static final String DEFAULT = "pg_basebackup";

    private final String key;
    private final int order;
    /** Each backup type the tool takes, with the oldest PostgreSQL major it takes it on (0: any). */
    private final Map<BackupType, Integer> types;
    private final boolean expires;

    /**
     * @param key     the name scenarios and the command line use
     * @param order   where it comes in the lists users read (lower first)
     * @param types   each backup type it takes, with the oldest PostgreSQL major it takes it on (0: any)
     * @param expires whether it applies a retention to its backups ({@code expire-backups})
     */
    protected BackupTool(String key, int order, Map<BackupType, Integer> types, boolean expires) {
        this.key = key;
        this.order = order;
        this.types = Map.copyOf(types);
        this.expires = expires;
    }

    /** A server setting a backup of some type needs switched on, and the sentence that says so. */
    public record Need(String setting, String why) {
    }

    /** The setting a backup of {@code type} needs on, or null when none (pg_basebackup's incremental: summarize_wal). */
    public Need needs(BackupType type) {
        return null;
    }

    /** Whether this tool applies a retention to its backups ({@code expire-backups}). */
    public final boolean expires() {
        return expires;
    }

    /** The name scenarios and the command line use. */
    public final String key() {
        return key;
    }

    /** Where this tool comes in the lists users read (lower first). */
    public final int order() {
        return order;
    }

    /** Whether this is the tool of a drill that names none. */
    public final boolean isDefault() {
        return key.equals(DEFAULT);
    }

    /** Whether this tool takes backups of {@code type} on some PostgreSQL version. */
    public final boolean takes(BackupType type) {
        return types.containsKey(type);
    }

    /** Whether this tool takes backups of {@code type} from a server of PostgreSQL major {@code major}. */
    public final boolean takes(BackupType type, int major) {
        return types.containsKey(type) && major >= types.get(type);
    }

    /**
     * Why this tool cannot take a backup of {@code type} from a server of PostgreSQL {@code major}, or
     * null when it can: a type it never takes, or one that needs a later major.
     */
    public final String refusal(BackupType type, int major) {
        if (takes(type, major)) {
            return null;
        }
        Optional<BackupTool> other = first(t -> t != this && t.takes(type, major));
        Integer since = types.get(type);
        if (since != null) {
            return "backup type '" + type + "' with backup tool '" + this + "' needs PostgreSQL " + since
                    + " or later (this drill runs on PostgreSQL " + major + "): state environment: { postgres: \">= "
                    + since + "\" } in the drill" + other.map(t -> ", or choose backup tool '" + t + "'").orElse("");
        }
        List<String> offered = Arrays.stream(BackupType.values()).filter(types::containsKey)
                .map(t -> types.get(t) == 0 ? t.key() : t.key() + " (PostgreSQL " + types.get(t) + "+)").toList();
        return "backup type '" + type + "' is not offered by backup tool '" + this + "', which takes only "
                + String.join(" and ", offered) + " backups: use type: full" + other.map(t -> ", or choose a tool with "
                + type + " backups (environment: { backup-tool: " + t + " } or --backup-tool " + t + ")").orElse("");
    }

    /** The tool named {@code key}, if any is on the class path. */
    public static Optional<BackupTool> of(String key) {
        return Optional.ofNullable(Found.TOOLS.get(key));
    }

    /** The tool of a drill that names none ({@value #DEFAULT}). */
    public static BackupTool defaultTool() {
        return of(DEFAULT).orElseThrow(() -> new IllegalStateException("no backup tool '" + DEFAULT + "' on the class "
                + "path (META-INF/services/" + BackupTool.class.getName() + "): add the pgdrill-environment module"));
    }

    /** Every tool on the class path, in {@link #order()}. */
    public static List<BackupTool> all() {
        return List.copyOf(Found.TOOLS.values());
    }

    /** The first tool (in {@link #order()}) that {@code wanted} accepts, for a suggestion in a message. */
    public static Optional<BackupTool> first(Predicate<BackupTool> wanted) {
        return Found.TOOLS.values().stream().filter(wanted).findFirst();
    }

    /** Every tool's name, for messages and the schema. */
    public static List<String> keys() {
        return List.copyOf(Found.TOOLS.keySet());
    }

    /** One instance per tool, so tools compare by identity as well as by key. */
    @Override
    public final boolean equals(Object o) {
        return o instanceof BackupTool t && t.key.equals(key);
    }

    @Override
    public final int hashCode() {
        return key.hashCode();
    }

    @Override
    public final String toString() {
        return key;
    }

    /** The tools found, loaded once. */
    private static final class Found {
        static final Map<String, BackupTool> TOOLS = load();

        private static Map<String, BackupTool> load() {
            Map<String, BackupTool> byKey = new LinkedHashMap<>();
            ServiceLoader.load(BackupTool.class, BackupTool.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get).forEach(t -> byKey.putIfAbsent(t.key(), t));
            Map<String, BackupTool> sorted = new LinkedHashMap<>();
            byKey.values().stream().sorted(Comparator.comparingInt(BackupTool::order).thenComparing(BackupTool::key))
                    .forEach(t -> sorted.put(t.key(), t));
            return sorted;
        }
    }
}
