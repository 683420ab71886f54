package dev.pgdrill.environment.steps;

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

import java.time.Duration;
import java.util.List;

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
