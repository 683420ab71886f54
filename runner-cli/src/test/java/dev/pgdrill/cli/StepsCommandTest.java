package dev.pgdrill.cli;

import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.step.StepType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.pgdrill.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

class StepsCommandTest {
    /** The step vocabulary of the design; each must be registered and listed. */
    static final List<String> VOCABULARY = List.of("sql", "verify", "wait", "sleep", "pause", "resume", "stop", "kill",
            "start", "partition", "heal", "latency", "wipe", "backup", "naive-copy", "switch-wal", "capture-target",
            "restore", "promote", "rebuild-replica", "exec", "lag");

    @Test
    void listsEveryRegisteredStepTypeWithItsParameters() {
        CliRun r = run("steps");
        assertThat(r.exit()).as(r.toString()).isZero();
        StepRegistry registry = StepRegistry.load();
        assertThat(registry.keys()).containsAll(VOCABULARY);
        assertThat(r.out()).startsWith(registry.all().size() + " step types;");
        for (StepType<?> t : registry.all()) {
            assertThat(r.out()).contains("\n" + t.key() + " - " + t.description() + "\n");
            for (Param p : t.params()) {
                assertThat(r.out()).containsPattern("\n    " + p.name() + " +\\S+ +(required|optional|default: .*) +"
                        + java.util.regex.Pattern.quote(p.description()));
            }
        }
    }

    @Test
    void showsRequiredFlagsDefaultsShorthandAndOutputs() {
        CliRun r = run("steps", "stop", "capture-target");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("stop - ").containsPattern("\n    on +node +required ")
                .containsPattern("\n    mode +smart\\|fast\\|immediate +default: fast ")
                .contains("shorthand: 'stop: VALUE' sets 'on'")
                .contains("    outputs (use as ${steps.ID.OUTPUT}):\n      time     when the target was recorded")
                .containsPattern("\n      xid +the id of the transaction that read the time")
                .doesNotContain("restore - ");
    }

    @Test
    void everyOutputSaysWhatItHolds() {
        CliRun r = run("steps", "--no-color", "expire-backups");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\n      kept   names of the backups left after expiry, comma-separated (not a count)\n"
                + "      count  how many backups are left\n");
        for (StepType<?> t : StepRegistry.load().all()) {
            assertThat(t.outputDescriptions()).as(t.key()).extracting(o -> o.name()).containsExactlyInAnyOrderElementsOf(
                    t.outputs());
        }
    }

    @Test
    void suggestsTheNearestTypeForAnUnknownOne() {
        CliRun r = run("steps", "restor");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("runner: no step type 'restor' (did you mean 'restore'?)");
    }
}
