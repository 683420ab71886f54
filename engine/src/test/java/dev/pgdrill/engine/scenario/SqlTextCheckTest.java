package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.step.StepRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Only text written in the scenario file becomes SQL text; values from outside go in as parameters. */
class SqlTextCheckTest {
    private static final Path FILE = Path.of("drills", "s.yaml");
    private static final ScenarioLoader LOADER = new ScenarioLoader(StepRegistry.load(),
            name -> name.equals("WHO") ? "Johnson" : null, EnvAllowlist.of(List.of("WHO")));

    private static Scenario load(String yaml, Map<String, String> vars) {
        return LOADER.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8), vars);
    }

    private static List<String> problems(String yaml, Map<String, String> vars) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, () -> load(yaml, vars));
        assertThat(e).as("expected the scenario to be invalid").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID);
        return e.problems().stream().map(Problem::toString).toList();
    }

    private static final String RAW_VAR = """
            vars: {who: Johnson}
            steps:
              - sql: {on: primary, run: "DELETE FROM customers WHERE lastName = '${vars.who}'"}
            """;

    @Test
    void aVariableWrittenInTheFileMayBeSqlText() {
        assertThat(load(RAW_VAR, Map.of()).steps()).hasSize(1);
    }

    @Test
    void aVariableOverriddenOnTheCommandLineMayNotBeSqlText() {
        assertThat(problems(RAW_VAR, Map.of("who", "x'; DROP TABLE customers CASCADE; --"))).containsExactly(
                FILE + ":3:29: step #1 (sql): parameter 'run': ${vars.who} in SQL text: variable 'who' is set on the "
                        + "command line (--var who=...), and a value from outside the scenario file never becomes SQL "
                        + "text; bind it: write :who in the SQL and add params: { who: \"${vars.who}\" } (or :'who' for a "
                        + "quoted literal, :\"who\" for a quoted identifier, where SQL takes no bind parameter)");
    }

    @Test
    void aVariableOnlyFromTheCommandLineMayNotBeSqlText() {
        assertThat(problems("steps:\n  - verify: {on: primary, query: \"SELECT ${vars.n}\", equals: 1}\n",
                Map.of("n", "1"))).singleElement().asString()
                .startsWith(FILE + ":2:34: step #1 (verify): parameter 'query': ${vars.n} in SQL text: variable 'n' is set "
                        + "on the command line");
    }

    @Test
    void environmentVariablesAndStepOutputsAreNeverSqlText() {
        List<String> p = problems("""
                steps:
                  - {id: before, capture-target: {on: primary}}
                  - wait: {for: sql, query: "SELECT now() > '${steps.before.time}'"}
                  - sql: {on: primary, run: "SELECT 1", ledger: l, present-if: "SELECT '${env.WHO}' <> ''"}
                """, Map.of());
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).contains(":3:29: step #2 (wait): parameter 'query': ${steps.before.time} in SQL text: "
                + "a step output, and a value from outside the scenario file never becomes SQL text; bind it: write "
                + ":time in the SQL and add params: { time: \"${steps.before.time}\" }");
        assertThat(p.get(1)).contains(":4:64: step #3 (sql): parameter 'present-if': ${env.WHO} in SQL text: an "
                + "environment variable").contains("write :who in the SQL and add params: { who: \"${env.WHO}\" }");
    }

    @Test
    void boundAndQuotedValuesFromOutsideTheFileAreFine() {
        Scenario s = load("""
                steps:
                  - sql: {on: primary, run: "CREATE ROLE :\\"who\\" PASSWORD :'pw'", params: {who: "${vars.who}", pw: "${env.WHO}"}}
                  - verify: {on: primary, query: "SELECT count(*) FROM customers WHERE lastName = :who",
                             params: {who: "${vars.who}"}, equals: 0}
                """, Map.of("who", "x'; DROP TABLE customers CASCADE; --"));
        assertThat(s.steps()).hasSize(2);
    }

    @Test
    void everyShippedScenarioStaysValid() throws Exception {
        try (var files = Files.list(Path.of("..", "scenarios"))) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).isNotEmpty();
            for (Path f : yaml) {
                assertThat(new ScenarioLoader(StepRegistry.load()).load(f, Map.of()).steps()).as(f.toString()).isNotEmpty();
            }
        }
    }

    @Test
    void pitrsFingerprintStaysSqlTextButCannotBeReplacedFromTheCommandLine() {
        Path pitr = Path.of("..", "scenarios", "pitr.yaml");
        ScenarioLoader loader = new ScenarioLoader(StepRegistry.load());
        assertThat(loader.load(pitr, Map.of("victim", "Smith")).vars()).containsEntry("victim", "Smith");
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
                () -> loader.load(pitr, Map.of("fingerprint", "SELECT 1")));
        assertThat(e.problems()).hasSize(2).allSatisfy(p -> assertThat(p.toString())
                .contains("${vars.fingerprint} in SQL text: variable 'fingerprint' is set on the command line"));
    }
}
