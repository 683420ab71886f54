package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Names;
import dev.pgdrill.environment.common.NoFollow;
import dev.pgdrill.environment.common.ServerFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Writes the server configuration files of a data directory. */
final class ConfFiles {
    static final String AUTO_CONF = "postgresql.auto.conf";
    /**
     * WAL segment size of the local clusters, in MB ({@code initdb --wal-segsize}; PostgreSQL's default is 16).
     * A drill's WAL is small, but every switch, archive copy, restore and clean-up moves whole segments, and
     * initdb, the walreceiver and a new timeline zero-fill and sync them: 1 MB segments make initdb alone
     * ~1.5-2.5 s faster here (bench/README.md). Reported with the server versions of every drill.
     */
    static final int WAL_SEGMENT_MB = 1;

    private ConfFiles() {
    }

    /**
     * Settings every node of a run shares (written once into the primary's postgresql.conf), with the
     * backup tool's {@code archive_command} and {@code restore_command}.
     */
    static Map<String, String> common(Path workDir, String archiveCommand, String restoreCommand) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("listen_addresses", "127.0.0.1");
        s.put("unix_socket_directories", workDir.resolve(Names.SOCK).toString());
        s.put("max_connections", "50");
        s.put("shared_buffers", "16MB");
        s.put("wal_level", "replica");
        s.put("archive_mode", "on");
        s.put("archive_command", archiveCommand);
        s.put("archive_timeout", "0");
        s.put("restore_command", restoreCommand);
        s.put("max_wal_senders", "10");
        s.put("max_replication_slots", "10");
        s.put("hot_standby", "on");
        s.put("wal_retrieve_retry_interval", "200ms");
        s.put("wal_receiver_status_interval", "1s");
        s.put("log_line_prefix", "%m [%p] %q%a ");
        s.put("logging_collector", "off");
        s.put("log_checkpoints", "on");
        s.put("log_replication_commands", "off");
        s.put("password_encryption", "scram-sha-256");
        // Dynamic shared memory as files in the data directory (pg_dynshmem/), not in /dev/shm: a server a
        // drill kills never removes its segments, and those in /dev/shm would outlive the run's work directory.
        s.put("dynamic_shared_memory_type", "mmap");
        return s;
    }

    /**
     * Copies into the archive; never overwrites a file already archived, succeeds only if it is byte for byte the
     * same. Safe when two servers archive the same segment at once (a standby with {@code archive_mode = always}
     * and its primary): each copies to its own {@code %f.<pid>.tmp}, and the hard link to the final name either
     * creates it or finds it there (then compared).
     */
    static String archiveCommand(Path workDir) {
        Path archive = workDir.resolve(Names.ARCHIVE);
        String target = "'" + archive + "/%f'";
        return "if [ -f " + target + " ]; then cmp -s '%p' " + target + "; else t='" + archive + "/%f.'$$'.tmp'; "
                + "cp '%p' \"$t\" && { ln \"$t\" " + target + " 2>/dev/null || cmp -s '%p' " + target + "; r=$?; "
                + "rm -f \"$t\"; exit $r; }; fi";
    }

    /** Copies from the archive; a file not (yet) archived is a silent miss, not a "cannot stat" in the log. */
    static String restoreCommand(Path workDir) {
        Path archive = workDir.resolve(Names.ARCHIVE);
        return "[ -f '" + archive + "/%f' ] && cp '" + archive + "/%f' '%p'";
    }

    /** Host connections (SQL and replication) only from loopback, with SCRAM; the private socket trusts. */
    static String hba() {
        return String.join("\n",
                "# written by pgdrill: loopback only, SCRAM passwords; the socket directory is private",
                "local   all          all                 trust",
                "local   replication  all                 trust",
                "host    all          all  127.0.0.1/32   scram-sha-256",
                "host    all          all  ::1/128        scram-sha-256",
                "host    replication  all  127.0.0.1/32   scram-sha-256",
                "host    replication  all  ::1/128        scram-sha-256",
                "");
    }

    static void appendServerConf(ServerUser user, Path dataDir, Map<String, String> settings) {
        StringBuilder text = new StringBuilder("\n# --- pgdrill settings (override the defaults above) ---\n");
        settings.forEach((k, v) -> text.append(line(k, v)).append('\n'));
        Path conf = dataDir.resolve("postgresql.conf");
        user.replace(conf, user.read(conf) + text);
        user.replace(dataDir.resolve("pg_hba.conf"), hba());
    }

    /**
     * Edits postgresql.auto.conf: drops every line setting a key of {@code set} or {@code remove}
     * (or starting with a prefix ending in '*', e.g. {@code recovery_target*}), then appends {@code set}.
     * The file keeps its owner when it exists; the caller fixes ownership of a new one. A link in
     * its place is refused, never followed (see {@link NoFollow}).
     */
    static void editAutoConf(ServerUser user, Path dataDir, Map<String, String> set, Collection<String> remove) {
        Path file = dataDir.resolve(AUTO_CONF);
        {
            List<String> kept = new ArrayList<>();
            Optional<String> text = user.readIfPresent(file);
            if (text.isPresent()) {
                for (String line : text.get().split("\n")) {
                    String key = line.split("=", 2)[0].trim().toLowerCase(Locale.ROOT);
                    if (!set.containsKey(key) && remove.stream().noneMatch(r -> matches(key, r))) {
                        kept.add(line);
                    }
                }
            } else {
                kept.add("# Do not edit this file manually!");
                kept.add("# It will be overwritten by the ALTER SYSTEM command.");
            }
            set.forEach((k, v) -> kept.add(line(k, v)));
            user.replace(file, String.join("\n", kept) + "\n");
        }
    }

    private static boolean matches(String key, String pattern) {
        return pattern.endsWith("*") ? key.startsWith(pattern.substring(0, pattern.length() - 1)) : key.equals(pattern);
    }

    /** {@code key = 'value'} as ALTER SYSTEM writes it (see {@link ServerFiles#settingLine}). */
    static String line(String key, String value) {
        return ServerFiles.settingLine(key, value);
    }

    /** A libpq connection string to a replication upstream; the password comes from the run's passfile. */
    static String conninfo(int port, String user, Path passfile, String applicationName) {
        return "host=127.0.0.1 port=" + port + " user=" + user + " passfile=" + passfile
                + " application_name=" + applicationName;
    }
}
