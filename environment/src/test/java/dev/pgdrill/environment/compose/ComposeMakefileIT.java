package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.environment.common.FreePorts;
import dev.pgdrill.environment.container.Docker;
import dev.pgdrill.environment.container.ProjectContainers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the seed's Makefile targets against the engine, under a project name and ports of its
 * own: {@code up}, {@code test-lag} (the replication-lag drill through the runner), {@code
 * promote-replica}, {@code clean}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeMakefileIT {
    private static final Path ENVIRONMENT = Path.of("").toAbsolutePath();
    private static String project;
    private static Path envFile;
    private static int primaryPort;
    private static int replicaPort;
    private static String password;

    @BeforeAll
    static void writeSettings() throws IOException {
        Docker.assumeEngine();
        project = "pgdrill-make-" + UUID.randomUUID().toString().substring(0, 6);
        primaryPort = FreePorts.reserve();
        replicaPort = FreePorts.reserve();
        password = UUID.randomUUID().toString().replace("-", "");
        String image = System.getenv().getOrDefault("POSTGRES_IMAGE", "postgres:15");
        envFile = Files.createTempFile("pgdrill-make", ".env");
        Files.writeString(envFile, "PRIMARY_HOST_PORT=" + primaryPort + "\nREPLICA_HOST_PORT=" + replicaPort
                + "\nPOSTGRES_IMAGE=" + image + "\nPOSTGRES_PASSWORD=" + password + "\n");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (project != null) {
            make(Duration.ofMinutes(2), "clean");
            Docker.sweep(project);
            Files.deleteIfExists(envFile);
            FreePorts.release(primaryPort);
            FreePorts.release(replicaPort);
        }
    }

    @Test
    @Order(1)
    void upStartsAHealthyPrimaryAndReplicaOnLoopbackPorts() throws Exception {
        ExecResult r = make(Duration.ofMinutes(5), "up");
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout()).contains("primary is healthy", "replica is healthy");
        assertThat(query(primaryPort, "SELECT count(*) FROM customers")).isEqualTo("2");
        Docker.await(Duration.ofSeconds(30), "the seed on the replica",
                () -> "4".equals(query(replicaPort, "SELECT count(*) FROM products")));
        assertThat(query(replicaPort, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
    }

    @Test
    @Order(2)
    void testLagRunsTheReplicationLagDrill() throws Exception {
        String runner = runnerCommand();
        if (runner == null) {
            System.out.println("ComposeMakefileIT: runner jar not built (set PGDRILL_RUNNER or build "
                    + "runner-cli/target/runner.jar): checking lag with SQL instead of `make test-lag`");
            exec(primaryPort, "INSERT INTO customers (firstName, lastName, email) VALUES ('Lag', 'Check', 'lag@x.org')");
            Docker.await(Duration.ofSeconds(30), "replay lag back to 0 bytes", () -> "0".equals(query(primaryPort,
                    "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint FROM pg_stat_replication")));
            return;
        }
        ExecResult r = make(Duration.ofMinutes(5), "test-lag", "RUNNER=" + runner);
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout()).contains("replication-lag").contains("PASSED");
    }

    @Test
    @Order(3)
    void promoteReplicaMakesTheReplicaWritable() throws Exception {
        ExecResult r = make(Duration.ofMinutes(2), "promote-replica");
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        Docker.await(Duration.ofSeconds(30), "the replica out of recovery",
                () -> "false".equals(query(replicaPort, "SELECT pg_is_in_recovery()::text")));
        exec(replicaPort, "INSERT INTO customers (firstName, lastName, email) VALUES ('New', 'Primary', 'np@x.org')");
    }

    @Test
    @Order(4)
    void cleanRemovesEveryContainerNetworkAndVolume() {
        assertThat(Docker.leftovers(project)).isNotEmpty();
        ExecResult r = make(Duration.ofMinutes(2), "clean");
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(Docker.leftovers(project)).isEmpty();
    }

    /** {@code PGDRILL_RUNNER} (a command), else the launcher's jar when built, else null. */
    private static String runnerCommand() {
        String configured = System.getenv("PGDRILL_RUNNER");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path jar = ENVIRONMENT.resolveSibling("runner-cli").resolve("target").resolve("runner.jar");
        return Files.isRegularFile(jar) ? "java -jar " + jar : null;
    }

    private static ExecResult make(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("make", "--no-print-directory", "-C", ENVIRONMENT.toString(),
                "ENV_FILE=" + envFile));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_PROJECT_NAME", project);
        ExecResult r = ComposeCli.run(command, env, ENVIRONMENT, timeout);
        System.out.println("make " + String.join(" ", args) + " -> exit " + r.exitCode() + "\n"
                + ProjectContainers.tail(r.stdout(), 15));
        return r;
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/statelessCommerce?connectTimeout=2",
                "admin", password);
    }

    private static String query(int port, String sql) throws SQLException {
        try (Connection c = connect(port); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void exec(int port, String sql) throws SQLException {
        try (Connection c = connect(port); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
