package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.testing.SharedEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.pgdrill.engine.testing.Specs.params;
import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several statements in one {@code sql: run:}: a string is one implicit transaction (as {@code psql -c}),
 * a list runs each statement in its own transaction, in order, on one session (as a psql script).
 */
class SqlStatementsIT {
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("sql-statements",
                new EnvironmentSpec(null, null, null, null, Map.of("max_prepared_transactions", "5")));
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    void aStringCommitsAsOneTransactionAfterItsRestorePointAndAListCommitsEachStatementInTurn() {
        DrillResult r = passed(env.run(scenario("restore-points",
                step("backup", "from", "primary", "name", "base"),
                step("sql", "on", "primary", "run", "CREATE TABLE in_string (id int); INSERT INTO in_string VALUES (1); "
                        + "SELECT pg_create_restore_point('rp_string'); INSERT INTO in_string VALUES (2)"),
                step("sql", "on", "primary", "run", List.of("CREATE TABLE in_list (id int)", "INSERT INTO in_list VALUES (1)",
                        "SELECT pg_create_restore_point('rp_list')", "INSERT INTO in_list VALUES (2)")),
                step("restore", "node", "at_string", "from", "base", "target", params("name", "rp_string")),
                step("verify", "on", "at_string", "query", "SELECT to_regclass('in_string') IS NULL", "equals", true),
                step("restore", "node", "at_list", "from", "base", "target", params("name", "rp_list")),
                step("verify", "on", "at_list", "query", "SELECT string_agg(id::text, ',' ORDER BY id) FROM in_list",
                        "equals", "1"),
                step("verify", "on", "primary", "query", "SELECT count(*) FROM in_string", "equals", 2L))));
        assertThat(r.steps().get(2).outputs()).containsEntry("row-count", "1");
    }

    @Test
    void commitPreparedRunsAsAListButNotInsideOneString() {
        passed(env.run(scenario("two-phase",
                step("sql", "on", "primary", "run", List.of("CREATE TABLE twophase (id int)", "BEGIN",
                        "INSERT INTO twophase VALUES (1)", "PREPARE TRANSACTION 'tp1'")),
                step("verify", "on", "primary", "query", "SELECT count(*) FROM pg_prepared_xacts WHERE gid = 'tp1'",
                        "equals", 1L),
                step("sql", "on", "primary", "run", "SET synchronous_commit = local; COMMIT PREPARED 'tp1'",
                        "expect-error", "25001"),
                step("sql", "on", "primary", "run", List.of("SET synchronous_commit = local", "COMMIT PREPARED 'tp1'")),
                step("verify", "on", "primary", "query", "SELECT count(*) FROM pg_prepared_xacts", "equals", 0L),
                step("verify", "on", "primary", "query", "SELECT count(*) FROM twophase", "equals", 1L))));
    }
}
