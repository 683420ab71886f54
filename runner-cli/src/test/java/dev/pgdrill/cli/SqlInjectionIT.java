package dev.pgdrill.cli;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The injection of issue 11 item 7, {@code --var "who=x'; DROP TABLE customers CASCADE; --"}: bound,
 * it is just a name no row has, on real PostgreSQL; written raw into SQL text, the drill is refused
 * before anything runs.
 */
class SqlInjectionIT {
    private static final String HOSTILE = "who=x'; DROP TABLE customers CASCADE; --";

    @Test
    void aBoundOrQuotedHostileVariableFindsNoRowAndDropsNothing(@TempDir Path work) throws IOException {
        Path drill = Files.writeString(work.resolve("bound.yaml"), """
                name: bound
                vars: { who: Johnson }
                steps:
                  - name: delete by the variable, bound
                    sql: { on: primary, run: "DELETE FROM orderItems WHERE orderId IN (SELECT o.orderId FROM orders o
                           JOIN customers c USING (customerId) WHERE c.lastName = :who)", params: { who: "${vars.who}" } }
                  - name: the lookup finds nobody
                    verify: { on: primary, query: "SELECT count(*) FROM customers WHERE lastName = :who",
                              params: { who: "${vars.who}" }, equals: 0 }
                  - name: quoted as a literal it finds nobody either
                    verify: { on: primary, query: "SELECT count(*) FROM customers WHERE lastName = :'who'",
                              params: { who: "${vars.who}" }, equals: 0 }
                  - name: customers still has its rows
                    verify: { on: primary, query: "SELECT count(*) FROM customers", equals: 2 }
                """);
        CliRun r = CliRun.run(Environments::factory, "--no-color", "--report-dir", work.resolve("reports").toString(),
                "--var", HOSTILE, drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(r.out()).contains("PASS  the lookup finds nobody").contains("PASS  customers still has its rows");
    }

    @Test
    void aHostileVariableWrittenRawIntoSqlIsRefusedBeforeAnythingRuns(@TempDir Path work) throws IOException {
        Path drill = Files.writeString(work.resolve("raw.yaml"), """
                name: raw
                vars: { who: Johnson }
                steps:
                  - sql: { on: primary, run: "DELETE FROM customers WHERE lastName = '${vars.who}'" }
                """);
        for (String command : new String[] {"validate", "run"}) {
            // the default backend of CliRun fails the test if an environment is ever created
            CliRun r = command.equals("validate") ? CliRun.run("validate", "--var", HOSTILE, drill.toString())
                    : CliRun.run("--no-color", "--var", HOSTILE, drill.toString());
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.INVALID.code());
            r.noStackTrace();
            assertThat(r.err()).as(command).contains(drill + ":4:30: step #1 (sql): parameter 'run': ${vars.who} in SQL "
                    + "text: variable 'who' is set on the command line (--var who=...)")
                    .contains("bind it: write :who in the SQL and add params: { who: \"${vars.who}\" }");
        }
        CliRun fileValue = CliRun.run("validate", drill.toString());
        assertThat(fileValue.exit()).as("the file's own value may be SQL text: " + fileValue).isEqualTo(ExitCode.OK.code());
    }
}
