package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.run.RunPlan;
import dev.pgdrill.engine.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.pgdrill.cli.CliRun.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

/** Running drills through the CLI against a fake environment (no servers): exit codes and wiring. */
class RunCommandTest {
    private final List<FakeEnvironment> created = new ArrayList<>();

    @Test
    void exitsZeroWhenEveryDrillPassesAndWritesReports(@TempDir Path reports) {
        CliRun r = CliRun.run(CliRun.fakes(created), "--no-color", "--report-dir", reports.toString(),
                EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(created).singleElement().satisfies(env -> {
            assertThat(env.calls).contains("setUp");
            assertThat(env.closed).isTrue();
        });
        assertThat(reports.resolve("journal.json")).exists();
    }

    @Test
    void theJournalNamesTheRunPlansSetUpDeadlineAsTheJunitEngineDoes(@TempDir Path reports) throws Exception {
        CliRun r = CliRun.run(CliRun.fakes(created), "--no-color", "--report-dir", reports.toString(),
                EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode facts = new ObjectMapper().readTree(reports.resolve("journal.json").toFile()).path("facts");
        // junit's TrialsEngineIT reads the same fact: both front ends plan with RunPlan's one deadline
        assertThat(facts.path("set-up-timeout").asText()).isEqualTo(Durations.format(RunPlan.SET_UP_TIMEOUT))
                .isEqualTo("3m00s");
    }

    @Test
    void exitsOneWhenADrillFails(@TempDir Path reports) {
        CliRun r = CliRun.run(CliRun.fakes(created), "--no-color", "--report-dir", reports.toString(),
                EXAMPLES + "needs-a-node.yaml", EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(created).hasSize(2).allSatisfy(env -> assertThat(env.closed).isTrue());
        r.noStackTrace();
    }

    @Test
    void runsNothingWhenAnyFileIsInvalid(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "steps:\n  - sleep: soon\n");
        CliRun r = CliRun.run(CliRun.fakes(created), EXAMPLES + "sleepy.yaml", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(created).isEmpty();
        assertThat(r.err()).contains(bad + ":2:12: step #1 (sleep): parameter 'for'")
                .endsWith("runner: 1 problem in 1 of 2 files; nothing was run\n");
    }

    @Test
    void exitsThreeWithAClearMessageWhenTheEnvironmentIsUnavailable() {
        CliRun r = CliRun.run(CliRun.unavailable("no PostgreSQL server binaries found: install postgresql-15"),
                EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("no PostgreSQL server binaries found: install postgresql-15\n");
    }

    @Test
    void exitsFourOnAnInternalErrorWithoutAStackTrace() {
        CliContext.Backends broken = (kind, options) -> {
            throw new IllegalStateException("bug in the backend");
        };
        CliRun r = CliRun.run(broken, EXAMPLES + "sleepy.yaml");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).startsWith("runner: internal error: IllegalStateException: bug in the backend\n")
                .contains("please report it").doesNotContain("\tat ");
        CliRun debug = CliRun.run(broken, "--debug", EXAMPLES + "sleepy.yaml");
        assertThat(debug.exit()).isEqualTo(4);
        assertThat(debug.err()).contains("\tat ");
    }
}
