package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.step.StepRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the loader says about log, check-archive, start with expect-failure and multi-host sql, before anything runs. */
class LogArchiveStartSqlCheckTest {
    private static final Path FILE = Path.of("drills", "n.yaml");
    private static final ScenarioLoader LOADER = new ScenarioLoader(StepRegistry.load(), name -> null,
            EnvAllowlist.of(List.of()));

    private static Scenario load(String yaml) {
        return LOADER.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static List<String> problems(String yaml) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, () -> load(yaml));
        assertThat(e).as("expected the scenario to be invalid").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID);
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aBadRegexInLogMatchesIsRefusedAtItsPosition() {
        assertThat(problems("""
                steps:
                  - log: {on: replica, matches: "walreceiver (started"}
                """)).singleElement().asString()
                .startsWith(FILE + ":2:33: step #1 (log): 'matches' is not a regular expression: Unclosed group");
    }

    @Test
    void logTakesExactlyOneCheckAndWithinOnlyWithContainsOrMatches() {
        assertThat(problems("""
                steps:
                  - log: {on: primary, contains: a, absent: b}
                """)).singleElement().asString().contains(":2:5: step #1 (log): log needs exactly one of 'contains', "
                + "'matches' or 'absent', found contains and absent");
        assertThat(problems("""
                steps:
                  - log: {on: primary}
                """)).singleElement().asString().contains("found none");
        assertThat(problems("""
                steps:
                  - log: {on: primary, absent: FATAL, within: 5s}
                """)).singleElement().asString().contains(":2:47: step #1 (log): 'within' goes with 'contains' or 'matches'");
        assertThat(load("""
                steps:
                  - id: crash
                    kill: primary
                  - log: {on: primary, since: crash, matches: "database system was (interrupted|not properly shut down)", within: 10s}
                """).steps()).hasSize(2);
    }

    @Test
    void sqlOnTakesOneNodeOrAListOfExistingNodes() {
        assertThat(load("""
                steps:
                  - sql: {on: [primary, replica], target-session-attrs: read-write, run: "SELECT 1"}
                  - sql: {on: replica, target-session-attrs: prefer-standby, query: "SELECT 1"}
                  - sql: {on: primary, run: "SELECT 1"}
                """).steps()).hasSize(3);
        assertThat(problems("""
                steps:
                  - sql: {on: [primary, replcia], run: "SELECT 1"}
                """)).singleElement().asString().startsWith(FILE + ":2:25: step #1 (sql): parameter 'on': no node "
                + "'replcia' at this point of the drill (did you mean 'replica'?)");
        assertThat(problems("""
                steps:
                  - sql: {on: primary, target-session-attrs: readwrite, run: "SELECT 1"}
                """)).singleElement().asString().contains("expected one of any, read-write, read-only, primary, "
                + "standby, prefer-standby, found 'readwrite'");
        assertThat(problems("""
                steps:
                  - sql: {on: [primary, replica], run: "INSERT INTO t VALUES (1)", expect-blocked: 2s}
                """)).singleElement().asString().contains("'expect-blocked' needs 'on' as one node");
    }

    @Test
    void startExpectingFailureWaitsToSeeIt() {
        assertThat(load("steps:\n  - start: {on: primary, expect-failure: true}\n").steps()).hasSize(1);
        assertThat(problems("steps:\n  - start: {on: primary, expect-failure: true, wait: false}\n"))
                .singleElement().asString().contains("'expect-failure' waits to see the start fail: leave 'wait' out");
    }

    @Test
    void checkArchiveTakesNothingOrABackupName() {
        assertThat(load("steps:\n  - check-archive: {}\n  - check-archive: {from: base}\n").steps()).hasSize(2);
        assertThat(problems("steps:\n  - check-archive: {from: \"../x\"}\n")).singleElement().asString()
                .contains("(check-archive): parameter 'from'");
    }
}
