package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {

    @Test
    void acceptsAValidDrillWithExitZero() {
        CliRun r = run("validate", EXAMPLES + "example.yaml");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("ok: " + EXAMPLES + "example.yaml ('example': 6 steps, 1 finally step)\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void validatesEveryYamlFileOfADirectoryInNameOrder() {
        CliRun r = run("validate", EXAMPLES);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().lines()).extracting(l -> l.substring(0, l.indexOf(" (")))
                .containsExactly("ok: " + Path.of(EXAMPLES, "example.yaml"), "ok: " + Path.of(EXAMPLES, "needs-a-node.yaml"),
                        "ok: " + Path.of(EXAMPLES, "sleepy.yaml"));
    }

    @Test
    void reportsEveryProblemOfEveryFileAndExitsTwo(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.yaml"), "steps:\n  - sleep: 1 minute\n  - stopp: primary\n");
        Path b = Files.writeString(dir.resolve("b.yaml"), "stpes: []\n");
        CliRun r = run("validate", a.toString(), EXAMPLES + "example.yaml", b.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        assertThat(r.err().lines()).containsExactly(
                a + ":2:12: step #1 (sleep): parameter 'for': expected a duration like 500ms, 30s or 2m, found '1 minute'",
                a + ":3:5: step #2: unknown step type 'stopp' (did you mean 'stop'?); 'runner steps' lists the step types",
                b + ":1:1: unknown top-level key 'stpes' (did you mean 'steps'?) (expected: name, description, environment, vars, "
                        + "secrets, timeout, tags, repeat, trials, steps, finally)",
                "runner: 3 problems in 2 of 3 files; nothing was run");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void namesAMissingFileWithoutPosition() {
        CliRun r = run("validate", "no/such/drill.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("no" + java.io.File.separator + "such" + java.io.File.separator
                + "drill.yaml: no such file\n");
        r.noStackTrace();
    }

    @Test
    void refusesADirectoryWithoutScenarios(@TempDir Path dir) {
        CliRun r = run("validate", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(dir + ": no *.yaml scenario files in this directory\n");
    }

    @Test
    void appliesVarOverridesBeforeChecking() {
        CliRun bad = run("validate", "--var", "patience=soon", EXAMPLES + "example.yaml");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("parameter 'within': expected a duration like 500ms, 30s or 2m, "
                + "found '${vars.patience}' (= 'soon')");
        CliRun before = run("--var", "patience=10s", "validate", EXAMPLES + "example.yaml");
        assertThat(before.exit()).as(before.toString()).isZero();
    }

    @Test
    void checksEnvironmentReferencesAgainstTheEnvironment(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("env.yaml"), "steps:\n  - exec: {on: primary, command: [echo, '${env.DRILL_TOKEN}']}\n");
        CliRun unset = CliRun.run((k, o) -> null, name -> null, "validate", "--allow-env", "DRILL_TOKEN", f.toString());
        assertThat(unset.exit()).isEqualTo(2);
        assertThat(unset.err()).contains(f + ":2:41: step #1 (exec): parameter 'command': ${env.DRILL_TOKEN}: "
                + "environment variable 'DRILL_TOKEN' is not set");
        CliRun set = CliRun.run((k, o) -> null, name -> name.equals("DRILL_TOKEN") ? "t" : null, "validate",
                "--allow-env", "DRILL_TOKEN", f.toString());
        assertThat(set.exit()).as(set.toString()).isZero();
    }
}
