package dev.pgdrill.engine.env;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Backups that exist outside pgdrill ({@code environment: source:}), restored into sandbox nodes and never
 * written to. With a source the environment starts no node: the drill's {@code restore} steps create them.
 *
 * @param kind       which tool made the backups
 * @param dir        basebackup: the {@code pg_basebackup} directory (plain, or tar with {@code -Ft}, gzip too)
 * @param wal        basebackup: the WAL archive directory ({@code archive_command}'s target)
 * @param config     pgbackrest: the tool's own configuration file (its repository as the tool reaches it)
 * @param stanza     pgbackrest: the stanza
 * @param user       the superuser of the backed-up cluster the runner connects as (default {@value #DEFAULT_USER})
 * @param objectives what the drill promises about this source (each may be null)
 */
public record BackupSource(Kind kind, Path dir, Path wal, Path config, String stanza, String user,
                           Objectives objectives) {
    /** The superuser a restored cluster is entered as when the drill names none. */
    public static final String DEFAULT_USER = "postgres";
    /**
     * Characters a source path may hold: the paths reach {@code restore_command}, a shell command, so nothing a
     * shell would read (spaces, quotes, {@code $}, globs) is accepted at all.
     */
    public static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/@+=,:-]*");
    /** A stanza or role name: a plain word. */
    public static final Pattern WORD = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}");

    /** The tools a source may come from, as the YAML names them. */
    public enum Kind {
        BASEBACKUP, PGBACKREST;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What a drill promises about its source, checked by the restore from it; null: not checked.
     *
     * @param rto          restore and recovery (until writable or paused) at most this long
     * @param maxBackupAge the newest backup stopped at most this long before the restore
     * @param maxWalAge    the newest archived WAL segment archived at most this long before the restore
     */
    public record Objectives(Duration rto, Duration maxBackupAge, Duration maxWalAge) {
        public static final Objectives NONE = new Objectives(null, null, null);

        public boolean isEmpty() {
            return rto == null && maxBackupAge == null && maxWalAge == null;
        }
    }

    public BackupSource {
        user = user == null ? DEFAULT_USER : user;
        objectives = objectives == null ? Objectives.NONE : objectives;
    }

    /** This source with {@code other} objectives. */
    public BackupSource withObjectives(Objectives other) {
        return new BackupSource(kind, dir, wal, config, stanza, user, other);
    }

    /** For people: {@code pg_basebackup /b with WAL archive /w}, {@code pgBackRest stanza main (config /etc/x.conf)}. */
    public String describe() {
        return kind == Kind.BASEBACKUP ? "pg_basebackup " + dir + " with WAL archive " + wal
                : "pgBackRest stanza " + stanza + " (config " + config + ")";
    }

    /** Why {@code text} cannot be a source path, or null when it can (absolute, plain characters, no '..'). */
    public static String pathProblem(String text) {
        if (text == null || !PATH.matcher(text).matches()) {
            return "must be an absolute path of letters, digits and . _ / @ + = , : - only (it reaches "
                    + "restore_command, a shell command)";
        }
        for (String part : text.split("/")) {
            if (part.equals("..")) {
                return "must not contain '..'";
            }
        }
        return null;
    }
}
