package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** A literal recovery target time without a timezone offset is refused before anything runs. */
class TimeTargetValidationTest {
    private static final String DRILL = String.join("\n",
            "name: pitr-without-offset",
            "steps:",
            "  - backup: { from: primary, name: nightly }",
            "  - restore:",
            "      node: primary",
            "      from: nightly",
            "      target: { time: \"2026-11-26 12:00:00\" }",
            "");

    @Test
    void validateRefusesATimeTargetWithoutOffsetWithItsPosition(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("pitr.yaml"), DRILL);
        CliRun r = run("validate", drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        r.noStackTrace();
        assertThat(r.err()).containsPattern(java.util.regex.Pattern.quote(drill.toString()) + ":7:\\d+: .*"
                + "target time '2026-11-26 12:00:00' has no timezone offset: write e.g. '2026-11-26 12:00:00\\+00'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void planRefusesItToo(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("pitr.yaml"), DRILL);
        CliRun r = run("plan", drill.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(drill + ":7:").contains("has no timezone offset");
    }

    @Test
    void validateAcceptsTheSameTargetWithAnOffset(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("pitr.yaml"), DRILL.replace("12:00:00\"", "12:00:00+01:00\""));
        CliRun r = run("validate", drill.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
    }
}
