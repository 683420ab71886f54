package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.env.ConnectionInfo;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.testing.SharedEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

import static dev.pgdrill.engine.testing.Specs.params;
import static dev.pgdrill.engine.testing.Specs.scenario;
import static dev.pgdrill.engine.testing.Specs.step;
import static dev.pgdrill.engine.testing.Specs.withId;
import static dev.pgdrill.environment.steps.StepsEnvironment.describe;
import static dev.pgdrill.environment.steps.StepsEnvironment.passed;
import static org.assertj.core.api.Assertions.assertThat;

/** :'name' and :"name" write hostile values into SQL as one literal or one identifier, on real PostgreSQL. */
class SqlQuotingIT {
    /** Quotes, a backslash, a dollar quote, a semicolon and a comment: it must stay one value. */
    private static final String HOSTILE = "it's \\ $$ \"pw\"; DROP TABLE customers CASCADE; --";
    private static SharedEnvironment env;

    @BeforeAll
    static void setUp() {
        env = StepsEnvironment.start("steps-quoting");
    }

    @AfterAll
    static void tearDown() {
        StepsEnvironment.stop(env);
    }

    @Test
    void aRoleCreatedWithAQuotedPasswordLogsInWithExactlyThatPassword() throws Exception {
        String role = "drill \"o'neil\" role";
        passed(env.run(scenario("quoted-role",
                step("sql", "on", "primary", "run", "CREATE ROLE :\"role\" LOGIN PASSWORD :'pw'; GRANT pg_read_all_data TO :\"role\"",
                        "params", params("role", role, "pw", HOSTILE)),
                step("verify", "on", "primary", "query", "SELECT count(*) FROM customers", "equals", 2L))));
        ConnectionInfo primary = env.node("primary").orElseThrow().connectionInfo();
        Properties login = new Properties();
        login.setProperty("user", role);
        login.setProperty("password", HOSTILE);
        try (Connection c = DriverManager.getConnection(primary.jdbcUrl(), login);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user, (SELECT count(*) FROM customers)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(role);
            assertThat(rs.getLong(2)).isEqualTo(2);
        }
    }

    @Test
    void aTableNamedWithAQuoteAndASpaceIsCreatedUnderExactlyThatName() {
        String table = "o'neil \"orders\"; DROP TABLE customers; --";
        DrillResult r = passed(env.run(scenario("quoted-table",
                step("sql", "on", "primary", "run", "CREATE TABLE :\"t\" (v text); INSERT INTO :\"t\" VALUES (:'v')",
                        "params", params("t", table, "v", HOSTILE)),
                withId("back", "sql", "on", "primary", "query", "SELECT v FROM :\"t\" WHERE v = :v",
                        "params", params("t", table, "v", HOSTILE), "capture", true),
                step("verify", "on", "primary", "query", "SELECT count(*) FROM pg_class WHERE relname = :t",
                        "params", params("t", table), "equals", 1L),
                step("verify", "on", "primary", "query", "SELECT count(*) FROM customers", "equals", 2L))));
        assertThat(r.steps().get(1).outputs()).containsEntry("v", HOSTILE);
    }

    @Test
    void aQuotedLiteralMeansTheSameWithStandardConformingStringsOff() {
        DrillResult r = passed(env.run(scenario("quoted-literal-old-strings",
                withId("off", "sql", "on", "primary", "query",
                        "SET standard_conforming_strings = off; SELECT :'v' AS v, length(:'v') AS n",
                        "params", params("v", HOSTILE), "capture", true),
                withId("on", "sql", "on", "primary", "query",
                        "SET standard_conforming_strings = on; SELECT :'v' AS v", "params", params("v", HOSTILE),
                        "capture", true))));
        assertThat(r.steps().get(0).outputs()).containsEntry("v", HOSTILE)
                .containsEntry("n", String.valueOf(HOSTILE.length()));
        assertThat(r.steps().get(1).outputs()).containsEntry("v", HOSTILE);
    }

    @Test
    void aValueWithANulCharacterIsRefusedAndNothingRuns() throws Exception {
        DrillResult r = env.run(scenario("nul-refused",
                step("sql", "on", "primary", "run", "CREATE TABLE nul_victim (v text); SELECT :'v'",
                        "params", params("v", "a\0b"))));
        assertThat(r.status()).as(describe(r)).isEqualTo(StepStatus.FAILED);
        assertThat(r.steps().get(0).message()).contains("parameter 'v' contains a NUL character");
        try (Connection c = env.node("primary").orElseThrow().connect();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class WHERE relname = 'nul_victim'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as("nothing of the refused SQL ran").isZero();
        }
    }

    @Test
    void aDatabaseNameIsOneNameNeverConnectionSettings() {
        // In a JDBC URL, '?' starts connection properties that override the runner's own.
        String db = "drill?ApplicationName=evil&options=-c statement_timeout=1";
        passed(env.run(scenario("database-name-stays-a-name",
                step("sql", "on", "primary", "run", "CREATE DATABASE :\"db\"", "params", params("db", db)),
                step("verify", "on", "primary", "database", db,
                        "query", "SELECT current_database() || '|' || current_setting('application_name')",
                        "equals", db + "|pgdrill"),
                step("sql", "on", "primary", "run", "DROP DATABASE :\"db\"", "params", params("db", db)))));
    }
}
