package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.postgres.Rows;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.testing.SharedEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.pgdrill.engine.testing.Specs.params;
import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.timeout;
import static dev.pgdrill.engine.testing.Specs.withId;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/** sql, verify, wait for sql, exec and switch-wal against a real primary and replica. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlStepsIT {
    /** Rows a failing verify shows (and keeps) at most. */
    private static final int SHOWN = 10;
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("steps-sql");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    @Order(1)
    void sqlBindsNamedParametersAndVerifyChecksValuesRowsCountsAndChecksums() {
        DrillResult r = passed(env.run(scenario("sql-and-verify",
                step("sql", "on", "primary",
                        "run", "INSERT INTO customers (firstName, lastName, email) VALUES (:first, :last, :email)",
                        "params", params("first", "Dana", "last", "O'Hara; DROP TABLE customers --", "email", "dana@x.org")),
                withId("n", "sql", "on", "primary",
                        "query", "SELECT count(*) AS N, max(lastName) FILTER (WHERE email = :email) AS last FROM customers",
                        "params", params("email", "dana@x.org"), "capture", true),
                step("verify", "on", "primary", "query", "SELECT count(*) FROM customers", "equals", "${steps.n.n}"),
                step("verify", "on", "primary", "query", "SELECT firstName, lastName FROM customers ORDER BY customerId",
                        "rows", List.of(List.of("Alice", "Smith"), List.of("Bob", "Johnson"),
                                List.of("Dana", "O'Hara; DROP TABLE customers --"))),
                step("verify", "on", "primary", "query", "SELECT * FROM products", "count", 4L),
                step("verify", "on", "primary", "query", "SELECT 1 FROM customers WHERE lastName = :l",
                        "params", params("l", "Johnson"), "present", true),
                step("verify", "on", "primary", "query", "SELECT 1 FROM customers WHERE lastName = 'Nobody'",
                        "absent", true),
                step("verify", "on", "replica", "query", "SELECT count(*) FROM customers", "equals", 3L,
                        "within", "10s"),
                withId("sum", "verify", "on", "primary", "checksum", "customers"),
                step("verify", "on", "replica", "checksum", "customers", "equals", "${steps.sum.value}", "within", "10s"),
                withId("dup", "sql", "on", "primary", "run",
                        "INSERT INTO customers (firstName, lastName, email) VALUES ('D', 'Dup', :email)",
                        "params", params("email", "dana@x.org"), "expect-error", "23505"),
                step("wait", "for", "sql", "on", "replica", "query", "SELECT count(*) = :n FROM customers",
                        "params", params("n", 3L)))));
        StepResult capture = r.steps().get(1);
        assertThat(capture.outputs()).containsEntry("n", "3").containsEntry("last", "O'Hara; DROP TABLE customers --")
                .containsEntry("row-count", "1");
        assertThat(r.steps().get(0).outputs()).containsEntry("row-count", "1");
        assertThat(r.steps().get(8).outputs().get("value")).hasSize(32);
        assertThat(r.steps().get(10).evidence()).singleElement().asString().contains("23505");
    }

    @Test
    @Order(2)
    void failingVerifyNamesExpectedFoundNodeAndQuery() {
        DrillResult r = env.run(scenario("failing-verify",
                step("verify", "on", "primary", "query", "SELECT count(*) FROM customers WHERE lastName = 'Johnson'",
                        "equals", 5L, "within", "300ms")));
        assertThat(r.status()).isEqualTo(StepStatus.FAILED);
        assertThat(r.steps().get(0).message())
                .contains("verify on 'primary': expected 5, found 1 after polling for")
                .contains("query: SELECT count(*) FROM customers WHERE lastName = 'Johnson'");
        assertThat(r.message()).startsWith("step '#1 verify' (test.yaml:2:5): ");
    }

    @Test
    @Order(2)
    void failingVerifyOverAMillionRowsKeepsOnlyWhatItsMessageShows() throws Exception {
        String query = "SELECT g, md5(g::text) AS h FROM generate_series(1, 1000000) g ORDER BY g";
        DrillResult r = env.run(scenario("million-rows",
                step("verify", "on", "primary", "query", query, "rows", List.of(List.of(1L, "x")))));
        DrillResult counted = passed(env.run(scenario("million-rows-count",
                step("verify", "on", "primary", "query", query, "count", 1000000L))));
        DrillResult absent = env.run(scenario("million-rows-absent",
                step("verify", "on", "primary", "query", "SELECT g FROM generate_series(1, 1000000) g", "absent", true)));
        assertThat(r.status()).isEqualTo(StepStatus.FAILED);
        String message = r.steps().get(0).message();
        assertThat(message).startsWith("verify on 'primary': expected rows [[1, 'x']], found [[1, 'c4ca4238a0b923820dcc509a6f75849b'], "
                        + "[2, 'c81e728d9d4c2f636f067f89cc14862c'], ").contains(", ... (1000000 rows)]; query: " + query);
        assertThat(message.split("\\], \\[")).hasSize(SHOWN);
        assertThat(r.steps().get(0).outputs()).containsEntry("row-count", "1000000");
        assertThat(counted.steps().get(0).outputs()).containsEntry("row-count", "1000000");
        assertThat(absent.steps().get(0).message()).isEqualTo("verify on 'primary': expected no row, found 1000000 row(s): "
                + "[[1], [2], [3], ... (1000000 rows)]; query: SELECT g FROM generate_series(1, 1000000) g");
        // what the reader holds: the first rows only, all of them counted, the connection left as found
        try (Connection c = env.node("primary").orElseThrow().connect()) {
            Rows kept = Sql.run(c, query, Map.of(), Duration.ofSeconds(60), SHOWN);
            assertThat(kept.rows()).hasSize(SHOWN);
            assertThat(kept.rowCount()).isEqualTo(1_000_000L);
            assertThat(c.getAutoCommit()).isTrue();
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("million-row verify: heap used after %d MB (max %d MB)%n",
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    }

    @Test
    @Order(3)
    void sqlErrorCarriesSqlstateAndTheStatement() {
        DrillResult r = env.run(scenario("bad-sql", step("sql", "on", "primary", "run", "SELECT * FROM nope")));
        assertThat(r.steps().get(0).status()).isEqualTo(StepStatus.FAILED);
        assertThat(r.steps().get(0).message()).contains("SQL on 'primary' failed").contains("42P01")
                .contains("SELECT * FROM nope");
    }

    @Test
    @Order(4)
    void statementTimeoutIsTheStepDeadline() {
        DrillResult r = env.run(scenario("slow-sql",
                timeout(step("sql", "on", "primary", "run", "SELECT pg_sleep(30)"), Duration.ofSeconds(2))));
        assertThat(r.steps().get(0).status()).isEqualTo(StepStatus.FAILED);
        assertThat(r.steps().get(0).duration()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @Order(5)
    void execCapturesOutputAndExitCode() {
        DrillResult r = passed(env.run(scenario("exec",
                step("exec", "on", "primary", "command", List.of("psql", "-Atc", "SELECT count(*) FROM products")),
                step("exec", "on", "primary", "command", "echo hello from $PGPORT; exit 3", "expect-exit", 3L))));
        assertThat(r.steps().get(0).outputs()).containsEntry("stdout", "4").containsEntry("exit-code", "0");
        assertThat(r.steps().get(1).outputs()).containsEntry("exit-code", "3");
        assertThat(r.steps().get(1).outputs().get("stdout")).startsWith("hello from ");
    }

    @Test
    @Order(5)
    void execWhoseOutputIsNotUtf8PassesByItsExitCodeAndShowsReplacementCharacters() {
        DrillResult r = passed(env.run(scenario("exec-bytes",
                step("exec", "on", "primary", "command", "printf 'a\\377\\376b'; printf 'c\\377' >&2"),
                step("exec", "on", "primary", "command", "printf '\\377'; exit 3", "expect-exit", 3L))));
        assertThat(r.steps().get(0).outputs()).containsEntry("stdout", "a\uFFFD\uFFFDb").containsEntry("stderr", "c\uFFFD")
                .containsEntry("exit-code", "0");
        assertThat(r.steps().get(1).outputs()).containsEntry("stdout", "\uFFFD").containsEntry("exit-code", "3");
    }

    @Test
    @Order(6)
    void switchWalWaitsUntilTheSegmentIsArchived() {
        DrillResult r = passed(env.run(scenario("switch-wal",
                step("sql", "on", "primary", "run", "CREATE TABLE wal_filler AS SELECT generate_series(1, 1000) AS x"),
                withId("sw", "switch-wal", "on", "primary"),
                step("wait", "for", "archived", "on", "primary", "lsn", "${steps.sw.lsn}"))));
        String segment = r.steps().get(1).outputs().get("segment");
        assertThat(segment).matches("[0-9A-F]{24}");
        assertThat(env.archivedWalFiles()).contains(segment);
        assertThat(r.steps().get(2).outputs()).containsEntry("segment", segment);
    }
}
