package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.env.BackupSource;
import dev.pgdrill.engine.model.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads {@code environment: source:} and {@code environment: objectives:}. Values may use {@code ${vars.X}} (and
 * {@code ${env.X}} as the drill allows it): a path is resolved first, then checked.
 *
 * <pre>
 * source:
 *   basebackup: { dir: /backups/base, wal: /backups/wal }      # pg_basebackup plain or tar (-Ft, gzip too)
 *   # pgbackrest: { config: /etc/pgbackrest/pgbackrest.conf, stanza: main }
 *   user: postgres                                              # the backed-up cluster's superuser
 * objectives: { rto: 15m, max-backup-age: 26h, max-wal-age: 10m }
 * </pre>
 */
final class SourceReader {
    static final List<String> SOURCE_KEYS = List.of("basebackup", "pgbackrest", "user");
    static final List<String> BASEBACKUP_KEYS = List.of("dir", "wal");
    static final List<String> PGBACKREST_KEYS = List.of("config", "stanza");
    static final List<String> OBJECTIVE_KEYS = List.of("rto", "max-backup-age", "max-wal-age");

    private final Problems problems;
    private final UnaryOperator<String> resolve;

    /** @param resolve a value's text with its {@code ${...}} resolved, or null when it cannot be */
    SourceReader(Problems problems, UnaryOperator<String> resolve) {
        this.problems = problems;
        this.resolve = resolve;
    }

    BackupSource source(YamlNode.Entry e) {
        YamlNode.Mapping m = mapping(e, "'source' must be a mapping with one of basebackup: { dir, wal } or "
                + "pgbackrest: { config, stanza }");
        if (m == null) {
            return null;
        }
        unknownKeys(m, "source", SOURCE_KEYS);
        YamlNode.Entry base = m.entry("basebackup");
        YamlNode.Entry rest = m.entry("pgbackrest");
        if ((base == null) == (rest == null)) {
            problems.add(base != null ? rest.keyLocation() : e.value().location(), "'source' needs exactly one of "
                    + "basebackup: { dir, wal } or pgbackrest: { config, stanza }");
            return null;
        }
        String user = m.entry("user") == null ? null : word(m.entry("user"), "user");
        if (base != null) {
            YamlNode.Mapping b = mapping(base, "'basebackup' must be a mapping: { dir: BACKUP-DIR, wal: WAL-ARCHIVE-DIR }");
            if (b == null) {
                return null;
            }
            unknownKeys(b, "basebackup", BASEBACKUP_KEYS);
            Path dir = path(b, base, "dir", "the pg_basebackup directory (plain, or tar with -Ft)");
            Path wal = path(b, base, "wal", "the WAL archive directory");
            return dir == null || wal == null ? null
                    : new BackupSource(BackupSource.Kind.BASEBACKUP, dir, wal, null, null, user, null);
        }
        YamlNode.Mapping r = mapping(rest, "'pgbackrest' must be a mapping: { config: FILE, stanza: NAME }");
        if (r == null) {
            return null;
        }
        unknownKeys(r, "pgbackrest", PGBACKREST_KEYS);
        Path config = path(r, rest, "config", "pgBackRest's configuration file");
        String stanza = r.entry("stanza") == null ? missing(rest, "stanza", "the stanza") : word(r.entry("stanza"), "stanza");
        return config == null || stanza == null ? null
                : new BackupSource(BackupSource.Kind.PGBACKREST, null, null, config, stanza, user, null);
    }

    BackupSource.Objectives objectives(YamlNode.Entry e) {
        YamlNode.Mapping m = mapping(e, "'objectives' must be a mapping, e.g. { rto: 15m, max-backup-age: 26h, "
                + "max-wal-age: 10m }");
        if (m == null) {
            return null;
        }
        unknownKeys(m, "objectives", OBJECTIVE_KEYS);
        return new BackupSource.Objectives(duration(m.entry("rto")), duration(m.entry("max-backup-age")),
                duration(m.entry("max-wal-age")));
    }

    private Duration duration(YamlNode.Entry e) {
        if (e == null) {
            return null;
        }
        String text = text(e);
        if (text == null) {
            return null;
        }
        Duration d = Durations.parseOrNull(text);
        if (d == null || d.isZero()) {
            problems.add(e.value().location(), "'" + e.key() + "' must be a duration above zero such as 90s, 15m or "
                    + "26h, found " + YamlNode.describe(e.value()));
        }
        return d;
    }

    private YamlNode.Mapping mapping(YamlNode.Entry e, String message) {
        if (e.value() instanceof YamlNode.Mapping m) {
            return m;
        }
        problems.add(e.value().location(), message + ", found " + YamlNode.describe(e.value()));
        return null;
    }

    private void unknownKeys(YamlNode.Mapping m, String where, List<String> keys) {
        for (YamlNode.Entry k : m.entries()) {
            if (!keys.contains(k.key())) {
                problems.add(k.keyLocation(), "unknown key '" + k.key() + "' in '" + where + "'"
                        + DidYouMean.hint(k.key(), keys) + " (expected: " + String.join(", ", keys) + ")");
            }
        }
    }

    private Path path(YamlNode.Mapping m, YamlNode.Entry parent, String key, String what) {
        YamlNode.Entry e = m.entry(key);
        if (e == null) {
            missing(parent, key, what);
            return null;
        }
        String text = text(e);
        if (text == null) {
            return null;
        }
        String problem = BackupSource.pathProblem(text);
        if (problem != null) {
            problems.add(e.value().location(), "'" + key + "' (" + what + ") " + problem + ", found '" + text + "'");
            return null;
        }
        return Path.of(text).normalize();
    }

    private String missing(YamlNode.Entry parent, String key, String what) {
        problems.add(parent.value().location(), "'" + parent.key() + "' needs '" + key + "' (" + what + ")");
        return null;
    }

    private String word(YamlNode.Entry e, String what) {
        String text = text(e);
        if (text != null && !BackupSource.WORD.matcher(text).matches()) {
            problems.add(e.value().location(), "'" + what + "' must be a plain name (letters, digits, _ . -), found '"
                    + text + "'");
            return null;
        }
        return text;
    }

    /** The scalar's text with its references resolved; null (a problem reported) when it has none or they fail. */
    private String text(YamlNode.Entry e) {
        if (!(e.value() instanceof YamlNode.Scalar s) || s.isNull()) {
            problems.add(e.value().location(), "'" + e.key() + "' must be a single value, found "
                    + YamlNode.describe(e.value()));
            return null;
        }
        String raw = String.valueOf(s.value());
        String resolved = resolve.apply(raw);
        if (resolved == null) {
            problems.add(e.value().location(), "'" + e.key() + "': '" + raw + "' refers to something not known "
                    + "before the drill runs (only ${vars.X} and allowed ${env.X} may be used here)");
        }
        return resolved;
    }
}
