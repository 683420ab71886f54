package dev.pgdrill.cli.robustness;

import dev.pgdrill.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caller's libpq variables, all set to wrong values, reach neither the servers, nor the
 * PostgreSQL tools, nor the runner's own connections: a drill with set-up, replication, a base
 * backup and a psql command passes (before, the replica's walreceiver took PGPASSWORD and set-up
 * hung for 3 minutes, then exited 3).
 */
class PgVariablesIgnoredIT {
    private static final Map<String, String> WRONG = Map.ofEntries(
            Map.entry("PGPASSWORD", "wrong"), Map.entry("PGUSER", "nobody"), Map.entry("PGHOST", "/nonexistent"),
            Map.entry("PGPORT", "1"), Map.entry("PGDATABASE", "nope"),
            Map.entry("PGOPTIONS", "-c statement_timeout=1"), Map.entry("PGSSLMODE", "require"),
            Map.entry("PGSERVICE", "nope"), Map.entry("PGSERVICEFILE", "/nonexistent/pg_service.conf"),
            Map.entry("PGPASSFILE", "/nonexistent"), Map.entry("PGAPPNAME", "x"),
            Map.entry("PGSYSCONFDIR", "/nonexistent"), Map.entry("PGCONNECT_TIMEOUT", "1"),
            Map.entry("PGTARGETSESSIONATTRS", "read-only"), Map.entry("PGCLIENTENCODING", "LATIN1"),
            Map.entry("PGTZ", "Nowhere/Invalid"), Map.entry("PGDATESTYLE", "nonsense"));

    @Test
    void drillPassesWithEveryPgVariableSetToAWrongValue(@TempDir Path dir) throws Exception {
        ChildRunner.assumePostgres();
        Path drill = Files.writeString(dir.resolve("pg-vars.yaml"), """
                name: pg-variables-ignored
                timeout: 60s
                steps:
                  - sql: { on: primary, run: "INSERT INTO customers (firstName, lastName, email) VALUES ('Env', 'Var', 'env@x.org')" }
                  - wait: { for: sql, on: replica, query: "SELECT count(*) = 1 FROM customers WHERE lastName = 'Var'" }
                    timeout: 20s
                  - backup: { from: primary, name: nightly }
                  - exec: { on: primary, command: [psql, -X, -At, -c, "SELECT count(*) FROM customers"] }
                """);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--no-color",
                "--report-dir", dir.resolve("reports").toString(), drill.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("console.txt").toFile());
        pb.environment().putAll(WRONG);
        Process p = pb.start();
        try {
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            String console = Files.readString(dir.resolve("console.txt"));
            assertThat(done).as("the runner finishes within 120 s (it hung in set-up before)\n" + console).isTrue();
            assertThat(p.exitValue()).as(console).isZero();
            assertThat(console).contains("PASS");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
