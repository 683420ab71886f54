package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code --var-file FILE}: YAML or NAME=VALUE lines, overridden by --var, as untrusted as --var. */
class VarFileTest {
    @TempDir
    Path dir;

    @Test
    void readsNameValueLinesAndAYamlMappingAndVarOverridesThem() throws IOException {
        Path env = Files.writeString(dir.resolve("drill.env"), "# for CI\n\nvictim=O'Brien = x\n  patience=7s\n");
        CliRun plan = run("plan", "--var-file", env.toString(), EXAMPLES + "example.yaml");
        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("    patience = 7s").contains("    victim = O'Brien = x");

        Path yaml = Files.writeString(dir.resolve("vars.yaml"), "victim: Davis\npatience: 9s\n");
        CliRun both = run("plan", "--var-file", env.toString(), "--var-file", yaml.toString(), "--var", "victim=Smith",
                EXAMPLES + "example.yaml");
        assertThat(both.exit()).as(both.toString()).isZero();
        assertThat(both.out()).as("the later file wins over the earlier, --var over both")
                .contains("    patience = 9s").contains("    victim = Smith");
    }

    @Test
    void aVarFileValueIsAsUntrustedAsAVar() throws IOException {
        Path drill = Files.writeString(dir.resolve("t.yaml"),
                "vars: {t: customers}\nsteps:\n  - sql: { on: primary, run: \"SELECT * FROM ${vars.t}\" }\n");
        assertThat(run("validate", drill.toString()).exit()).isZero();
        Path vars = Files.writeString(dir.resolve("v.env"), "t=customers; DROP TABLE orders\n");
        CliRun r = run("validate", "--var-file", vars.toString(), drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(drill + ":3:").contains("${vars.t}");
    }

    @Test
    void aMissingOrMalformedVarFileIsAUsageErrorAndRunsNothing() throws IOException {
        CliRun missing = run("--var-file", dir.resolve("nope.env").toString(), EXAMPLES + "sleepy.yaml");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("runner: --var-file " + dir.resolve("nope.env") + ": no such file; nothing was run\n");

        Path lines = Files.writeString(dir.resolve("bad.env"), "ok=1\njust text\n1x=2\n");
        CliRun bad = run("--var-file", lines.toString(), EXAMPLES + "sleepy.yaml");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo(lines + ":2:1: expected NAME=VALUE (a YAML file must be named *.yaml or *.yml)\n"
                + lines + ":3:1: '1x' is not a variable name: a name starts with a letter or '_' and goes on with letters, "
                + "digits, '_', '-' or '.'\n"
                + "runner: 2 problems in --var-file " + lines + "; nothing was run\n");

        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "a: 1\nb: [1, 2]\n");
        CliRun nested = run("--var-file", yaml.toString(), EXAMPLES + "sleepy.yaml");
        assertThat(nested.exit()).isEqualTo(2);
        assertThat(nested.err()).startsWith(yaml + ":2:4: variable 'b': expected text or a number, found a list\n");

        Path list = Files.writeString(dir.resolve("list.yml"), "- a\n");
        assertThat(run("--var-file", list.toString(), EXAMPLES + "sleepy.yaml").err())
                .startsWith(list + ":1:1: expected a mapping of variable names to values");
        nested.noStackTrace();
    }
}
