package dev.pgdrill.cli;

import dev.pgdrill.engine.report.Printable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Terminal controls written into a scenario or onto the command line are printed escaped by
 * validate, plan and the CLI's error messages; secret values are masked in plan.
 */
class HostileInputTest {
    /** YAML double-quoted escapes: \e is ESC, \a is BEL, \0 is NUL. */
    private static final String DRILL = """
            name: "evil\\e[2J\\a"
            description: "first line\\e]0;title\\a\\nsecond line"
            vars:
              who: "x\\e[31my\\u202e"
              api_token: Tok3nValue
            steps:
              - name: "two\\nlines\\0"
                sql: {on: primary, run: "SELECT :who, :t", params: {who: "${vars.who}", t: "${vars.api_token}"}}
            """;

    private static void noRawControls(String text) {
        assertThat(text.codePoints().filter(Printable::unsafe).toArray()).as(text).isEmpty();
    }

    @Test
    void validateAndPlanPrintControlsEscapedAndMaskSecrets(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("evil.yaml"), DRILL);
        CliRun validate = run("validate", file.toString());
        assertThat(validate.exit()).as(validate.toString()).isZero();
        assertThat(validate.out()).contains("('evil\\x1b[2J\\x07': 1 step)");
        noRawControls(validate.out());

        CliRun plan = run("plan", "--secret", "who=x\u001B[31my\u202E", file.toString());
        assertThat(plan.exit()).as(plan.toString()).isZero();
        noRawControls(plan.out() + plan.err());
        assertThat(plan.out()).contains("drill 'evil\\x1b[2J\\x07'").contains("  first line\\x1b]0;title\\x07\n  second line")
                .contains("'two\\nlines\\x00'").contains("api_token = ********").contains("t: ********")
                .contains("who: ********").doesNotContain("Tok3nValue");
    }

    @Test
    void problemsAndUsageErrorsPrintControlsEscaped(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "steps:\n  - \"st\\e[2Jop\": primary\n");
        CliRun bad = run("validate", file.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown step type 'st\\x1b[2Jop'");
        noRawControls(bad.err());

        CliRun usage = run("validate", "--bogus\u001B[2J", file.toString());
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("--bogus\\x1b[2J");
        noRawControls(usage.err());
    }

    @Test
    void aSecretTooShortToMaskIsAWarning(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("d.yaml"), "steps:\n  - sleep: 1s\n");
        CliRun r = run("validate", "--secret", "pin=ab", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("warning: " + file + ": secret 'pin' is shorter than 3 characters and is not "
                + "masked by value");
    }

    @Test
    void secretsNamedInAScenarioMustBeVariables(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("d.yaml"), "vars: {a: x}\nsecrets: [a, b]\nsteps:\n  - sleep: 1s\n");
        CliRun r = run("validate", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(file + ":2:14: 'secrets': 'b' is not a variable of 'vars:' or --var");
        assertThat(run("validate", "--var", "b=y", file.toString()).exit()).isZero();
    }
}
