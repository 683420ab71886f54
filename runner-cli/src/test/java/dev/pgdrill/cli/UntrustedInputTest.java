package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values stay data and a drill cannot reach beyond its run (issue 25): refused by validate with
 * {@code file:line:column}, exit 2, nothing run.
 */
class UntrustedInputTest {
    @TempDir
    Path dir;

    private CliRun validate(String yaml, String... options) throws IOException {
        Path f = Files.writeString(dir.resolve("d.yaml"), yaml);
        String[] args = new String[options.length + 2];
        args[0] = "validate";
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 1] = f.toString();
        return run(args).noStackTrace();
    }

    @Test
    void aValueInAShellCommandStringIsRefusedWithTheWayToPassIt() throws IOException {
        CliRun r = validate("vars: {x: '1'}\nsteps:\n  - exec: {on: primary, command: 'exit ${vars.x}'}\n",
                "--var", "x=1; exit 42");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(dir.resolve("d.yaml") + ":3:34: step #1 (exec): parameter 'command': ${vars.x} in "
                + "shell text: a value never becomes shell code; pass it as an environment variable and quote it where "
                + "it is used (env: { X: \"${vars.x}\" } and \"$X\" in the command), or write the command as a list of "
                + "arguments (command: [program, \"${vars.x}\"]), which runs without a shell");
        CliRun list = validate("steps:\n  - exec: {on: primary, command: [bash, -ec, 'echo ${vars.x}']}\n",
                "--var", "x=y");
        assertThat(list.exit()).as(list.toString()).isEqualTo(2);
        assertThat(list.err()).contains(":2:34: step #1 (exec): parameter 'command': ${vars.x} in shell text");
        CliRun safe = validate("steps:\n  - exec: {on: primary, command: 'test \"$X\" = 1', env: {X: '${vars.x}'}}\n"
                + "  - exec: {on: primary, command: [test, '${vars.x}', '=', '1']}\n"
                + "  - exec: {on: primary, command: [sh, -c, 'test \"$1\" = 1', sh, '${vars.x}']}\n", "--var", "x=1; exit 42");
        assertThat(safe.exit()).as(safe.toString()).isZero();
    }

    @Test
    void execEnvCannotSetLoaderOrShellStartUpVariables() throws IOException {
        for (String name : new String[] {"LD_PRELOAD", "GCONV_PATH", "BASH_ENV", "IFS", "PATH", "MALLOC_CHECK_",
                "GLIBC_TUNABLES", "PYTHONSTARTUP", "ld_library_path"}) {
            CliRun r = validate("steps:\n  - exec: {on: primary, command: [true], env: {" + name + ": x}}\n");
            assertThat(r.exit()).as(name + ": " + r).isEqualTo(2);
            assertThat(r.err()).as(name).contains(":2:47: step #1 (exec): parameter 'env': ")
                    .contains(name.equals("PATH") ? "a drill cannot set PATH: write the program's full path"
                            : "a drill cannot set '" + name + "'");
        }
        CliRun ok = validate("steps:\n  - exec: {on: primary, command: [true], env: {APP_MODE: x, PGAPPNAME: y}}\n");
        assertThat(ok.exit()).as(ok.toString()).isZero();
    }

    @Test
    void includeDirectivesAreReservedInTheFileAndOnTheCommandLine() throws IOException {
        CliRun r = validate("environment:\n  settings: {include: /tmp/x.conf, include_dir: /tmp, include_if_exists: y}\n"
                + "steps:\n  - sleep: 1s\n");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(":2:14: 'include' is a configuration directive that reads other files")
                .contains(":2:36: 'include_dir' is a configuration directive").contains(":2:55: 'include_if_exists' is a");
        CliRun option = validate("steps:\n  - sleep: 1s\n", "--setting", "include=/tmp/archive.conf");
        assertThat(option.exit()).as(option.toString()).isEqualTo(2);
        assertThat(option.err()).contains("'include' is a configuration directive that reads other files");
    }

    @Test
    void environmentVariablesNeedTheOperatorsAllowance() throws IOException {
        Path f = Files.writeString(dir.resolve("env.yaml"), "steps:\n  - exec: {on: primary, command: [echo, '${env.AWS_ACCESS_KEY_ID}']}\n");
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "PGDRILL_ALLOW_ENV", "AWS_*");
        CliRun refused = CliRun.run((k, o) -> null, name -> name.equals("AWS_ACCESS_KEY_ID") ? "AKIAEXAMPLE" : null,
                "plan", f.toString());
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.out() + refused.err()).doesNotContain("AKIAEXAMPLE");
        assertThat(refused.err()).contains(f + ":2:41: step #1 (exec): parameter 'command': ${env.AWS_ACCESS_KEY_ID}: "
                + "environment variable 'AWS_ACCESS_KEY_ID' is not allowed").contains("--allow-env AWS_ACCESS_KEY_ID");
        CliRun allowed = CliRun.run((k, o) -> null, name -> name.equals("AWS_ACCESS_KEY_ID") ? "AKIAEXAMPLE" : null,
                "validate", "--allow-env", "AWS_ACCESS_KEY_ID", f.toString());
        assertThat(allowed.exit()).as(allowed.toString()).isZero();
        CliRun byVariable = CliRun.run((k, o) -> null, env::get, "validate", f.toString());
        assertThat(byVariable.exit()).as(byVariable.toString()).isZero();
        CliRun bad = CliRun.run((k, o) -> null, env::get, "validate", "--allow-env", "*", f.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'*' would allow every environment variable");
    }

    @Test
    void scenarioAndVarFilesThatAreLinksOrDevicesAreRefused() throws IOException {
        Path secret = Files.writeString(dir.resolve("shadow"), "root:secret-hash\n");
        Path link = Files.createSymbolicLink(dir.resolve("l.yaml"), secret);
        CliRun r = run("validate", link.toString()).noStackTrace();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(link + ": is a symbolic link").doesNotContain("secret-hash");
        Path drills = Files.createDirectories(dir.resolve("drills"));
        Files.createSymbolicLink(drills.resolve("z.yaml"), Path.of("/dev/zero"));
        CliRun inDir = run("validate", drills.toString()).noStackTrace();
        assertThat(inDir.exit()).isEqualTo(2);
        assertThat(inDir.err()).contains(drills.resolve("z.yaml") + ": is a symbolic link");

        Path drill = Files.writeString(dir.resolve("d.yaml"), "steps:\n  - sleep: 1s\n");
        Path varLink = Files.createSymbolicLink(dir.resolve("vars.env"), secret);
        CliRun vars = run("validate", "--var-file", varLink.toString(), drill.toString()).noStackTrace();
        assertThat(vars.exit()).isEqualTo(2);
        assertThat(vars.err()).isEqualTo("runner: --var-file " + varLink + ": is a symbolic link; nothing was run\n");
        CliRun zero = run("validate", "--var-file", "/dev/zero", drill.toString()).noStackTrace();
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).isEqualTo("runner: --var-file /dev/zero: is not a regular file (a device, pipe or "
                + "socket); nothing was run\n");
    }

    @Test
    void aSeedOutsideTheScenarioTreeIsRefusedBeforeAnythingRuns() throws IOException {
        CliRun r = validate("environment:\n  seed: [/etc/shadow]\nsteps:\n  - sleep: 1s\n");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(dir.resolve("d.yaml") + ":2:10: seed file '/etc/shadow' is an absolute path");
    }
}
