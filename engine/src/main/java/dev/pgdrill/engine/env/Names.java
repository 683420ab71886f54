package dev.pgdrill.engine.env;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names a scenario gives to nodes and backups, and the names the environments keep for
 * themselves. A node's name becomes a directory of the run's work directory (local backend), a
 * container and a volume name (Compose); a backup's name becomes a directory of the backup store.
 * So both are checked against one safe pattern, when a scenario is validated and again by the
 * environment before a name becomes a path or a Docker object.
 *
 * <p>The entries of a run's work directory are defined here, once: the local backend builds its
 * paths from these constants, and validation refuses them as node names on every backend, so a
 * scenario that validates runs on both.
 */
public final class Names {
    /** A lower-case letter, then up to 30 lower-case letters, digits, '_' or '-'. */
    public static final Pattern SAFE = Pattern.compile("[a-z][a-z0-9_-]{0,30}");
    /** What {@link #SAFE} allows, for messages. */
    public static final String SAFE_RULE = "a lower-case letter, then up to 30 lower-case letters, digits, '_' or '-'";

    /** The WAL archive directory of a run. */
    public static final String ARCHIVE = "archive";
    /** The directory holding the run's backups. */
    public static final String BACKUPS = "backups";
    /** The directory of the servers' logs. */
    public static final String LOGS = "logs";
    /** The private unix socket directory of the run's servers. */
    public static final String SOCK = "sock";
    /** The libpq password file of the run. */
    public static final String PASSFILE = "pgpass";
    /** The backup tool's home (pgBackRest: configuration, repository, log, lock and spool paths). */
    public static final String TOOL = "pgbackrest";
    /** The failover manager's home (Patroni's configurations and logs, etcd's data). */
    public static final String MANAGER = "patroni";
    /** Every name a run keeps for itself in its work directory: no node may have one of them. */
    public static final List<String> RESERVED = List.of(ARCHIVE, BACKUPS, LOGS, SOCK, PASSFILE, TOOL, MANAGER);

    private Names() {
    }

    /** Why {@code name} cannot name a node, with a suggestion; null when it can. */
    public static String nodeProblem(String name) {
        if (Leader.isRole(name)) {
            return "node name '" + name + "' is reserved: 'leader' in a step's 'on' names whoever leads at that moment; "
                    + "choose another, e.g. '" + name + "-node'";
        }
        if (name != null && RESERVED.contains(name)) {
            return "node name '" + name + "' is reserved: a run keeps " + String.join(", ", RESERVED)
                    + " for itself; choose another, e.g. '" + name + "-node'";
        }
        return patternProblem("node", name);
    }

    /**
     * A pgBackRest backup set's label ({@code 20261207-125959F}, {@code 20261207-125959F_20261207-130102I}), which a
     * drill on a {@link BackupSource} restores by: digits, '-', '_' and F, D, I, never a path.
     */
    public static final Pattern SET_LABEL = Pattern.compile("\\d{8}-\\d{6}F(?:_\\d{8}-\\d{6}[DI])?");

    /** Why {@code name} cannot name a backup, with a suggestion; null when it can (a safe name or a set label). */
    public static String backupProblem(String name) {
        if (name != null && SET_LABEL.matcher(name).matches()) {
            return null;
        }
        return patternProblem("backup", name);
    }

    private static String patternProblem(String what, String name) {
        if (name != null && SAFE.matcher(name).matches()) {
            return null;
        }
        return "invalid " + what + " name '" + name + "': use " + SAFE_RULE + ", e.g. '" + suggest(name, what) + "'";
    }

    /** A safe name close to {@code name}: lower-cased, other characters as '-', cut to length. */
    static String suggest(String name, String fallback) {
        String s = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("^[^a-z]+", "").replaceAll("-+$", "");
        if (s.length() > 31) {
            s = s.substring(0, 31).replaceAll("-+$", "");
        }
        return s.isEmpty() ? fallback + "-1" : RESERVED.contains(s) ? s + "-node" : s;
    }
}
