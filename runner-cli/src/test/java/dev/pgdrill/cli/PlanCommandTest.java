package dev.pgdrill.cli;

import org.junit.jupiter.api.Test;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

class PlanCommandTest {

    @Test
    void printsTheResolvedStepsWithoutTouchingAnEnvironment() {
        CliRun r = run("plan", EXAMPLES + "example.yaml");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("drill 'example' (" + EXAMPLES + "example.yaml)")
                .contains("timeout 2m00s; nodes at start: primary, replica")
                .contains("    victim = Johnson")
                .contains("   2. capture-target 'record the target' [id: before]  timeout 1m00s (default)  at "
                        + EXAMPLES + "example.yaml:11:5")
                .contains("        outputs: ${steps.before.lsn}, ${steps.before.name}")
                .contains("        params: {victim: Johnson}")
                .contains("   5. restore 'restore to before the delete'  timeout 1m30s")
                .contains("        target: {time: <steps.before.time>}")
                .contains("        action: promote (default)")
                .contains("        within: 5s")
                .contains("finally (always run):\n   1. heal")
                .endsWith("dry run: nothing was started or changed (6 steps, 1 finally step)\n");
    }

    @Test
    void substitutesVarOverrides() {
        CliRun r = run("plan", "--var", "victim=Davis", EXAMPLES + "example.yaml");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("params: {victim: Davis}").doesNotContain("Johnson}");
    }

    @Test
    void refusesAnInvalidDrillWithItsProblems() {
        CliRun r = run("plan", "--var", "patience=later", EXAMPLES + "example.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(EXAMPLES + "example.yaml:25:72: step #6 (verify): parameter 'within'");
    }
}
