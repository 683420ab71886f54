package dev.pgdrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trial run alone ({@code --seed S --trial K}) is labelled K of its set's size in every output, a trial past
 * the set is refused, and {@code plan} shows the values the trial draws, the same the run drew (fake environments:
 * the drill only sleeps).
 */
class TrialLabelTest {
    private static final String NAP = "steps:\n  - sleep: 10ms..20ms\n";
    private final List<FakeEnvironment> created = new ArrayList<>();

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--no-color", "--report-dir", dir.resolve("reports").toString()));
        all.addAll(List.of(args));
        return CliRun.run(CliRun.fakes(created), all.toArray(String[]::new));
    }

    private JsonNode journal() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("reports/journal.json").toFile());
    }

    @Test
    void aTrialAloneIsLabelledWithTheSizeOfItsSetInConsoleJunitXmlAndJournal() throws IOException {
        Path drill = Files.writeString(dir.resolve("nap.yaml"), NAP);
        CliRun r = run("--repeat", "20", "--seed", "8812", "--trial", "7", drill.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("nap [trial 7/20]").doesNotContain("7/7")
                .contains("one trial with --seed 8812 --repeat 20 --trial K");
        assertThat(dir.resolve("reports/junit.xml")).content().contains("<testsuite name=\"nap [trial 7/20]\"");
        JsonNode trial = journal().get("drills").get(0);
        assertThat(trial.get("trial").asInt()).isEqualTo(7);
        assertThat(trial.get("trials").asInt()).isEqualTo(20);
        assertThat(created).hasSize(1);
    }

    @Test
    void aTrialOfADrillThatRepeatsIsLabelledWithItsRepeat() throws IOException {
        Path drill = Files.writeString(dir.resolve("five.yaml"), "repeat: 5\n" + NAP);
        CliRun r = run("--seed", "8812", "--trial", "4", drill.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("five [trial 4/5]");
        assertThat(dir.resolve("reports/junit.xml")).content().contains("<testsuite name=\"five [trial 4/5]\"");
    }

    @Test
    void aTrialPastItsSetIsRefusedAndNothingRuns() throws IOException {
        Path drill = Files.writeString(dir.resolve("five.yaml"), "repeat: 5\n" + NAP);
        CliRun past = run("--seed", "8812", "--trial", "7", drill.toString());
        assertThat(past.exit()).as(past.toString()).isEqualTo(2);
        assertThat(past.err()).contains("runner: " + drill + ": --trial 7 is past the set of 5 trials (repeat: 5); "
                + "give --repeat N, the size of the set it comes from; nothing was run");
        past.noStackTrace();
        CliRun pastRepeat = run("--repeat", "3", "--seed", "8812", "--trial", "4", drill.toString());
        assertThat(pastRepeat.exit()).as(pastRepeat.toString()).isEqualTo(2);
        assertThat(pastRepeat.err()).contains("--trial 4 is past the set of 3 trials (--repeat 3); nothing was run");
        assertThat(created).isEmpty();
    }

    @Test
    void planShowsTheValuesATrialDrawsAsTheRunDrawsThem() throws IOException {
        Path drill = Files.writeString(dir.resolve("nap.yaml"), NAP);
        CliRun ran = run("--repeat", "3", "--seed", "8812", "--trial", "2", drill.toString());
        assertThat(ran.exit()).as(ran.toString()).isZero();
        String drawn = journal().get("drills").get(0).get("drawn").get("steps[1].sleep.for").asText();
        assertThat(drawn).matches("\\d+ms");

        CliRun plan = CliRun.run("plan", "--seed", "8812", "--repeat", "3", "--trial", "2", drill.toString());
        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("  trial 2/3 of seed 8812: each range shows the value this trial draws")
                .contains("        for: " + drawn + " (drawn from 10ms..20ms)");

        CliRun json = CliRun.run("plan", "--format", "json", "--seed", "8812", "--repeat", "3", "--trial", "2",
                drill.toString());
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode d = new ObjectMapper().readTree(json.out()).get("drills").get(0);
        assertThat(d.get("trial").get("number").asInt()).isEqualTo(2);
        assertThat(d.get("trial").get("of").asInt()).isEqualTo(3);
        assertThat(d.get("steps").get(0).get("params").get("for").asText()).isEqualTo(drawn);
        assertThat(d.get("steps").get(0).get("drawnFrom").get("for").asText()).isEqualTo("10ms..20ms");
    }

    @Test
    void planWithoutATrialShowsTheRangeAndATrialNeedsASeed() throws IOException {
        Path drill = Files.writeString(dir.resolve("nap.yaml"), NAP);
        CliRun plain = CliRun.run("plan", drill.toString());
        assertThat(plain.exit()).as(plain.toString()).isZero();
        assertThat(plain.out()).contains("        for: 10ms..20ms\n").doesNotContain("drawn from");
        CliRun noSeed = CliRun.run("plan", "--trial", "2", drill.toString());
        assertThat(noSeed.exit()).isEqualTo(2);
        assertThat(noSeed.err()).contains("runner: --trial 2 needs --seed S");
        CliRun past = CliRun.run("plan", "--seed", "8812", "--trial", "2", drill.toString());
        assertThat(past.exit()).isEqualTo(2);
        assertThat(past.err()).contains(drill + ": --trial 2 is past the set of 1 trial (repeat: 1)");
    }
}
