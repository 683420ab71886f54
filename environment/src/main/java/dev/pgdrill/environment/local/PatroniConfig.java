package dev.pgdrill.environment.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.env.PatroniSettings;

import java.nio.file.Path;
import java.util.List;

/**
 * One Patroni agent's YAML configuration on the local backend: its REST API and PostgreSQL on loopback ports of
 * the run, etcd as its DCS ({@code etcd3}, as its root user), the drill's DCS settings as {@code bootstrap.dcs}, the
 * REST API's unsafe endpoints behind the run's password (any local user reaches loopback ports: without it one could
 * PATCH {@code /config} with an {@code archive_command} and run commands as the server user), the run's admin
 * role for replication and pg_rewind, the server's own log kept at {@code logs/<node>.log} (logging collector).
 * Every text value is written as a JSON string, which YAML reads as the same string: a path or password is never
 * YAML syntax.
 */
final class PatroniConfig {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Who may call the REST API's unsafe endpoints (switchover, restart, config): the runner, with the run's password. */
    static final String REST_USER = "pgdrill";
    /** etcd's root user: auth is on, so no one else on the machine can read or change the cluster's keys. */
    static final String ETCD_USER = "root";

    private PatroniConfig() {
    }

    /** Patroni's configuration of node {@code n}: YAML, every value quoted as JSON (a JSON string is YAML too). */
    static String of(RunContext run, PatroniSettings dcs, Path home, LocalNode n, int restPort, int clientPort) {
        String q = "127.0.0.1:";
        StringBuilder y = new StringBuilder();
        y.append("scope: ").append(quoted(run.workDir().getFileName().toString())).append('\n');
        y.append("namespace: \"/pgdrill/\"\n");
        y.append("name: ").append(quoted(n.name())).append('\n');
        y.append("restapi:\n  listen: ").append(quoted(q + restPort)).append("\n  connect_address: ")
                .append(quoted(q + restPort)).append('\n');
        y.append("  authentication:\n    username: ").append(quoted(REST_USER)).append("\n    password: ")
                .append(quoted(run.password())).append('\n');
        y.append("etcd3:\n  hosts: ").append(quoted(q + clientPort)).append('\n');
        y.append("  username: ").append(quoted(ETCD_USER)).append("\n  password: ").append(quoted(run.password()))
                .append('\n');
        y.append("bootstrap:\n  dcs:\n");
        y.append("    ttl: ").append(dcs.ttl()).append('\n');
        y.append("    loop_wait: ").append(dcs.loopWait()).append('\n');
        y.append("    retry_timeout: ").append(dcs.retryTimeout()).append('\n');
        y.append("    maximum_lag_on_failover: ").append(dcs.maximumLagOnFailover()).append('\n');
        y.append("    synchronous_mode: ").append(dcs.synchronousMode()).append('\n');
        y.append("    postgresql:\n      use_pg_rewind: ").append(dcs.usePgRewind()).append("\n      use_slots: true\n");
        y.append("postgresql:\n");
        y.append("  listen: ").append(quoted(q + n.port())).append('\n');
        y.append("  connect_address: ").append(quoted(q + n.port())).append('\n');
        y.append("  data_dir: ").append(quoted(n.dataDir().toString())).append('\n');
        y.append("  bin_dir: ").append(quoted(run.bins().binDir().toString())).append('\n');
        y.append("  pgpass: ").append(quoted(home.resolve(n.name() + ".pgpass").toString())).append('\n');
        y.append("  use_unix_socket: true\n");
        y.append("  authentication:\n");
        y.append("    superuser:\n      username: \"postgres\"\n");
        for (String role : List.of("replication", "rewind")) {
            y.append("    ").append(role).append(":\n      username: ").append(quoted(RunContext.ADMIN))
                    .append("\n      password: ").append(quoted(run.password())).append('\n');
        }
        y.append("  parameters:\n");
        y.append("    unix_socket_directories: ").append(quoted(run.sock().toString())).append('\n');
        y.append("    logging_collector: \"on\"\n");
        y.append("    log_directory: ").append(quoted(run.logs().toString())).append('\n');
        y.append("    log_filename: ").append(quoted(n.name() + ".log")).append('\n');
        y.append("    log_rotation_age: 0\n    log_rotation_size: 0\n");
        return y.toString();
    }

    /** {@code value} as a JSON string (also a YAML double-quoted scalar). */
    static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
