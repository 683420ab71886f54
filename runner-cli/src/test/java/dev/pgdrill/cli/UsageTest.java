package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

class UsageTest {

    @Test
    void helpListsCommandsOptionsAndExitCodes() {
        CliRun r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: runner ")
                .contains("validate", "plan", "steps", "report", "schema")
                .contains("--env=KIND", "--var=NAME=VALUE", "--report-dir=DIR", "--keep-env", "--no-color")
                .contains("2  usage error or invalid scenario (nothing ran)")
                .contains("substituted").doesNotContain("null");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void subcommandsHaveTheirOwnHelp() {
        CliRun r = run("validate", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: runner validate ").contains("--var=NAME=VALUE");
    }

    @Test
    void versionNamesTheProjectVersion() {
        CliRun r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).matches("runner \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}(-dirty)?|unknown); "
                + "pgdrill; Java .*\\)\\n");
    }

    @Test
    void noArgumentsIsAUsageError() {
        CliRun r = run();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: runner").endsWith("runner: name at least one scenario file or directory\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownOptionIsAUsageErrorWithASuggestion() {
        CliRun r = run("--keep-evn", EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).isEqualTo(2);
        r.noStackTrace();
        assertThat(r.err()).contains("runner: Unknown option: '--keep-evn'")
                .contains("--keep-env")
                .contains("Try 'runner --help' for more information.");
    }

    @Test
    void unknownEnvironmentIsAUsageErrorBeforeAnythingRuns() {
        CliRun r = run("--env", "kubernetes", EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("runner: unknown environment 'kubernetes' for --env (expected one of: local, compose, testcontainers)\n");
    }

    @Test
    void malformedVarIsAUsageError() {
        CliRun r = run("validate", "--var", "novalue", EXAMPLES + "example.yaml");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--var").contains("Try 'runner validate --help'");
        r.noStackTrace();
    }

    @Test
    void aVarWithoutAValidNameIsAUsageErrorNamingTheRule() {
        for (String bad : new String[] {"=x", " =x", "a b=x", "${x}=y", "1x=y"}) {
            for (String command : new String[] {"validate", "plan"}) {
                CliRun r = run(command, "--var", bad, EXAMPLES + "example.yaml");
                assertThat(r.exit()).as(bad + "\n" + r).isEqualTo(2);
                assertThat(r.err()).as(bad).startsWith("runner: Invalid value for option '--var'")
                        .contains("a name starts with a letter or '_' and goes on with letters, digits, '_', '-' or '.'")
                        .contains("Try 'runner " + command + " --help'");
                assertThat(r.out()).isEmpty();
                r.noStackTrace();
            }
        }
        CliRun asRun = run("--var", "=x", EXAMPLES + "example.yaml");
        assertThat(asRun.exit()).as(asRun.toString()).isEqualTo(2);
        assertThat(asRun.err()).startsWith("runner: Invalid value for option '--var' (NAME=VALUE): the variable name is empty");
        assertThat(run("validate", "--var", "victim.name-2=x", EXAMPLES + "example.yaml").exit()).isZero();
    }

    @Test
    void validateWithoutFilesIsAUsageError() {
        CliRun r = run("validate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter: 'FILE|DIR'");
    }

    @Test
    void helpCommandShowsASubcommandsUsage() {
        CliRun r = run("help", "plan");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: runner plan ");
    }

    @Test
    void misspelledCommandGetsASuggestion() {
        CliRun r = run("valdate", EXAMPLES + "example.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("runner: no such file or command 'valdate' (did you mean 'validate'?)\n");
    }
}
