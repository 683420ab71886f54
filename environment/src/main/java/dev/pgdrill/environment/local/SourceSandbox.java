package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Names;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a data directory restored from a source a sandbox of this run: whatever production's configuration in
 * the backup says, the server listens on no TCP address, only on the run's private socket (its directory mode
 * 0700, the server user's: only the runner and the server user reach it), archives
 * nothing ({@code archive_mode = off}: it can never push WAL into the source's archive), streams from no one,
 * reads its client authentication from its own {@code pg_hba.conf} and logs to the run's log. The drill's own
 * {@code settings:} come last (a production {@code shared_buffers} too large for this machine, say).
 */
final class SourceSandbox {
    private SourceSandbox() {
    }

    /**
     * Configures {@code node}'s restored data directory (the server stopped): the sandbox settings and
     * {@code recovery} (the restore_command and target; null: the tool wrote them already, kept) in
     * {@code postgresql.auto.conf}, {@code recovery.signal}, owned by the server user.
     */
    static void apply(RunContext run, LocalNode node, Map<String, String> recovery, Map<String, String> drillSettings) {
        Path data = node.dataDir();
        run.user().delete(data.resolve("postmaster.pid"), data.resolve("postmaster.opts"),
                data.resolve("standby.signal"));
        if (run.user().readIfPresent(data.resolve("postgresql.conf")).isEmpty()) {
            run.user().write(data.resolve("postgresql.conf"), "# written by pgdrill: the backup held none\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        run.user().replace(data.resolve("pg_hba.conf"), hba());
        run.user().replace(data.resolve("pg_ident.conf"), "# written by pgdrill: no mappings\n");
        Map<String, String> settings = new LinkedHashMap<>(settings(run, node, major(run, data)));
        if (recovery != null) {
            settings.putAll(recovery);
        }
        settings.putAll(drillSettings);
        List<String> remove = recovery == null ? List.of("primary_conninfo", "primary_slot_name")
                : List.of("recovery_target*", "primary_conninfo", "primary_slot_name", "restore_command");
        ConfFiles.editAutoConf(run.user(), data, settings, remove);
        run.user().write(data.resolve("recovery.signal"), new byte[0]);
        run.user().own(data);
    }

    /** The settings that make the restored server this run's sandbox. */
    static Map<String, String> settings(RunContext run, LocalNode node, int major) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("port", Integer.toString(node.port()));
        s.put("listen_addresses", "");   // no TCP: the port only names the socket file
        s.put("unix_socket_directories", run.workDir().resolve(Names.SOCK).toString());
        s.put("archive_mode", "off");
        s.put("archive_command", "");
        if (major >= 15) {
            s.put("archive_library", "");
        }
        s.put("primary_conninfo", "");
        s.put("primary_slot_name", "");
        s.put("hba_file", node.dataDir().resolve("pg_hba.conf").toString());
        s.put("ident_file", node.dataDir().resolve("pg_ident.conf").toString());
        // production's may name its live pid file (Debian: /var/run/postgresql/15-main.pid): never write there
        s.put("external_pid_file", node.dataDir().resolve("external.pid").toString());
        s.put("ssl", "off");
        s.put("hot_standby", "on");
        s.put("logging_collector", "off");
        s.put("log_destination", "stderr");
        s.put("log_line_prefix", "%m [%p] %q%a ");
        s.put("dynamic_shared_memory_type", "mmap");
        return s;
    }

    /**
     * Socket connections trust and nothing else is allowed: the backup's roles have passwords the runner does not
     * know, and a server in recovery cannot be given a new one, so the sandbox is reachable only through the run's
     * socket directory (mode 0700, the server user's), never over TCP where any local user could connect.
     */
    static String hba() {
        return String.join("\n",
                "# written by pgdrill: a sandbox restored from a source; its private socket only, no TCP",
                "local   all   all   trust",
                "");
    }

    private static int major(RunContext run, Path data) {
        Optional<String> text = run.user().readIfPresent(data.resolve("PG_VERSION"));
        try {
            return text.map(t -> Integer.parseInt(t.strip())).orElse(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
