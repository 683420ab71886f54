package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** A workload rate must be a finite number in the supported range: refused at its position, in our words. */
class RateValidationTest {
    private static CliRun validate(Path dir, String rate) throws IOException {
        Path drill = Files.writeString(dir.resolve("rate.yaml"), String.join("\n",
                "name: rate",
                "steps:",
                "  - workload: { on: primary, rate: " + rate + " }",
                ""));
        return run("validate", drill.toString());
    }

    @Test
    void yamlNanAndInfinityAreRefusedAsNotFiniteWithoutTheParsersWords(@TempDir Path dir) throws IOException {
        for (String rate : new String[] {".nan", ".NaN", ".inf", "-.inf"}) {
            CliRun r = validate(dir, rate);
            assertThat(r.exit()).as(rate + "\n" + r).isEqualTo(2);
            r.noStackTrace();
            assertThat(r.err()).as(rate)
                    .containsPattern(Pattern.quote(dir.resolve("rate.yaml").toString())
                            + ":3:\\d+: step #1 \\(workload\\): parameter 'rate': expected a finite number, found ")
                    .doesNotContain("invalid YAML").doesNotContain("For input string");
        }
    }

    @Test
    void aRateOutsideTheSupportedRangeIsRefusedNamingTheRange(@TempDir Path dir) throws IOException {
        for (String rate : new String[] {"1e-300", "0", "-5", "0.05", "1e6"}) {
            CliRun r = validate(dir, rate);
            assertThat(r.exit()).as(rate + "\n" + r).isEqualTo(2);
            assertThat(r.err()).as(rate).containsPattern(Pattern.quote(dir.resolve("rate.yaml").toString())
                    + ":3:\\d+: .*'rate' must be a number of writes per second from 0\\.1 \\(one write every 10s\\) to 1000, found ");
        }
        assertThat(validate(dir, "0.5").exit()).isZero();
        assertThat(validate(dir, "1000").exit()).isZero();
    }
}
