package dev.pgdrill.engine.env;

import java.util.List;
import java.util.regex.Pattern;

/** The rules for the server settings a drill writes, for the whole drill or one node: which names, which values. */
public final class ServerSettings {
    /** A server setting's name: a plain GUC name, or a custom {@code prefix.name}. */
    public static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}(\\.[a-z_][a-z0-9_]{0,62})?");

    /**
     * Settings a drill may not write: the environment owns them (addresses, ports, paths, archiving,
     * replication and recovery), or they run commands or load code on the server. The {@code include}
     * directives are here too: a file they name could set any of the others.
     */
    public static final List<String> RESERVED = List.of("archive_command", "archive_library",
            "archive_cleanup_command", "restore_command", "recovery_end_command", "listen_addresses", "port",
            "unix_socket_directories", "unix_socket_group", "unix_socket_permissions", "data_directory", "config_file",
            "hba_file", "ident_file", "external_pid_file", "primary_conninfo", "primary_slot_name",
            "shared_preload_libraries", "local_preload_libraries", "session_preload_libraries", "dynamic_library_path",
            "ssl_passphrase_command", "log_directory", "log_filename", "logging_collector", "log_line_prefix",
            "data_sync_retry", "archive_mode", "wal_level", "hot_standby", "max_wal_senders", "max_replication_slots",
            "include", "include_if_exists", "include_dir");

    private ServerSettings() {
    }

    /** Why a drill may not write the setting {@code name}, or null when it may. */
    public static String badName(String name) {
        if (!NAME.matcher(name).matches()) {
            return "'" + name + "' is not a server setting name (lower-case letters, digits and '_', or a custom "
                    + "'prefix.name')";
        }
        if (name.startsWith("include") && RESERVED.contains(name)) {
            return "'" + name + "' is a configuration directive that reads other files, which could set what a "
                    + "drill may not (archive_command, ...); a drill cannot use it: write each setting instead";
        }
        if (RESERVED.contains(name) || name.startsWith("recovery_target")) {
            return "'" + name + "' is set by the drill environment itself (addresses, paths, archiving, replication, "
                    + "recovery) or runs commands or loads code on the server; a drill cannot set it";
        }
        return null;
    }

    /** Why {@code value} cannot be a setting's value (a control character), or null when it can. */
    public static String badValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return String.format("contains the control character U+%04X", (int) c);
            }
        }
        return null;
    }
}
