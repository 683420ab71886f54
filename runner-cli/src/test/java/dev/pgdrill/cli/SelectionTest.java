package dev.pgdrill.cli;

import dev.pgdrill.engine.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Which drills a run takes: {@code --shard I/N}, {@code --tags EXPR}, {@code --fail-fast}; against fake environments. */
class SelectionTest {
    private static final Pattern DRILL = Pattern.compile("(?m)^== drill (\\S+)");
    private final List<FakeEnvironment> created = new ArrayList<>();

    @TempDir
    Path dir;

    /** Seven drills d1..d7; d2, d4, d6 tagged smoke; d3 and d6 tagged slow. */
    private Path drills() throws IOException {
        for (int i = 1; i <= 7; i++) {
            List<String> tags = new ArrayList<>();
            if (i % 2 == 0) {
                tags.add("smoke");
            }
            if (i % 3 == 0) {
                tags.add("slow");
            }
            Files.writeString(dir.resolve("d" + i + ".yaml"), "tags: [" + String.join(", ", tags) + "]\nsteps:\n  - sleep: 10ms\n");
        }
        return dir;
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--no-color", "--report-dir", dir.resolve("reports").toString()));
        all.addAll(List.of(args));
        return CliRun.run(CliRun.fakes(created), all.toArray(String[]::new));
    }

    private static List<String> ran(CliRun r) {
        List<String> names = new ArrayList<>();
        Matcher m = DRILL.matcher(r.out());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void shardsAreDisjointBalancedAndTogetherTheWhole() throws IOException {
        Path d = drills();
        Set<String> union = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            CliRun r = run("--shard", i + "/3", d.toString());
            assertThat(r.exit()).as(r.toString()).isZero();
            List<String> mine = ran(r);
            assertThat(mine).as("shard %d/3 shares no drill with the others", i).noneMatch(union::contains);
            union.addAll(mine);
            sizes.add(mine.size());
        }
        assertThat(union).containsExactlyInAnyOrder("d1", "d2", "d3", "d4", "d5", "d6", "d7");
        assertThat(sizes).containsExactly(3, 2, 2);
        assertThat(created).hasSize(7).allMatch(e -> e.closed);
    }

    @Test
    void aShardIsTheSameOnEveryMachineAndSaysWhatItRuns() throws IOException {
        Path d = drills();
        CliRun first = run("--shard", "2/3", d.toString());
        CliRun again = run("--shard", "2/3", d.resolve("d7.yaml").toString(), d.toString());
        assertThat(ran(first)).containsExactly("d2", "d5");
        assertThat(first.out()).contains("runner: shard 2/3: 2 of 7 drills: " + d.resolve("d2.yaml") + ", "
                + d.resolve("d5.yaml"));
        assertThat(ran(again)).as("the order named decides: d7 first, then the directory").containsExactly("d1", "d4", "d7");
    }

    @Test
    void anEmptyShardExitsZeroAndSaysSo() throws IOException {
        Path one = Files.writeString(dir.resolve("only.yaml"), "steps:\n  - sleep: 10ms\n");
        CliRun r = run("--shard", "2/2", one.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("runner: shard 2/2 is empty (1 drill, dealt over 2 shards); nothing to run\n");
        assertThat(created).isEmpty();
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void aMalformedShardIsAUsageErrorAndRunsNothing() throws IOException {
        Path d = drills();
        String[][] cases = {
                {"3/2", "'3/2': there are only 2 shards: expected 1/2 to 2/2"},
                {"0/2", "'0/2': shards are counted from 1: expected 1/2 to 2/2"},
                {"a/b", "'a/b' is not a shard: expected I/N, shard I of N counted from 1, e.g. --shard 2/4"},
                {"1/0", "'1/0': the number of shards must be between 1 and 1000, found 0"},
                {"2", "'2' is not a shard"},
        };
        for (String[] c : cases) {
            CliRun r = run("--shard", c[0], d.toString());
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).as(c[0]).startsWith("runner: Invalid value for option '--shard': " + c[1]);
            r.noStackTrace();
        }
        assertThat(created).isEmpty();
    }

    @Test
    void tagsSelectAnyOfThePlainTagsAndLeaveOutTheExcludedOnes() throws IOException {
        Path d = drills();
        assertThat(ran(run("--tags", "smoke", d.toString()))).containsExactly("d2", "d4", "d6");
        assertThat(ran(run("--tags", "smoke,!slow", d.toString()))).containsExactly("d2", "d4");
        assertThat(ran(run("--tags", "smoke,slow", d.toString()))).containsExactly("d2", "d3", "d4", "d6");
        assertThat(ran(run("--tags", "!slow", d.toString()))).containsExactly("d1", "d2", "d4", "d5", "d7");
        assertThat(ran(run("--tags", "smoke,!slow", "--shard", "2/2", d.toString())))
                .as("shards deal the selected drills").containsExactly("d4");
    }

    @Test
    void anUnknownOrIllFormedTagExpressionIsAUsageErrorAndRunsNothing() throws IOException {
        Path d = drills();
        CliRun typo = run("--tags", "smoke,!slwo", d.toString());
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).isEqualTo("runner: --tags smoke,!slwo: no drill has the tag 'slwo' (did you mean 'slow'?) "
                + "(tags of these drills: slow, smoke); nothing was run\n");
        String[][] cases = {
                {"smoke,,slow", "'smoke,,slow': term 2 is empty"},
                {"smoke,", "'smoke,': term 2 is empty"},
                {"!", "'!': term 1 '!' is not a tag or !tag"},
                {"!!slow", "'!!slow': term 1 '!!slow' is not a tag or !tag"},
                {"Smoke", "'Smoke': term 1 'Smoke' is not a tag or !tag"},
                {"smoke & slow", "term 1 'smoke & slow' is not a tag or !tag"},
                {"slow,!slow", "'slow,!slow': 'slow' is both wanted and excluded"},
        };
        for (String[] c : cases) {
            CliRun r = run("--tags", c[0], d.toString());
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).as(c[0]).startsWith("runner: Invalid value for option '--tags': ").contains(c[1]);
            r.noStackTrace();
        }
        assertThat(created).isEmpty();
    }

    @Test
    void failFastStopsAfterTheFirstFailingDrillReportsTheRestAsNotRunAndCleansUp() throws IOException {
        Path d = Files.createDirectory(dir.resolve("ff"));
        Files.copy(Path.of(CliRun.EXAMPLES, "sleepy.yaml"), d.resolve("a.yaml"));
        Files.copy(Path.of(CliRun.EXAMPLES, "needs-a-node.yaml"), d.resolve("b.yaml"));
        Files.copy(Path.of(CliRun.EXAMPLES, "sleepy.yaml"), d.resolve("c.yaml"));
        CliRun r = run("--fail-fast", d.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("→ FAILED b in").contains("→ SKIPPED c in 0ms: not run: fail-fast after drill 'b' failed")
                .contains("Drills: 1 of 3 passed (1 failed, 0 aborted, 1 not run)");
        assertThat(created).as("c never got an environment; a and b were cleaned up").hasSize(2).allMatch(e -> e.closed);
        assertThat(dir.resolve("reports/journal.json")).content().contains("\"status\" : \"SKIPPED\"");

        created.clear();
        CliRun all = run(d.toString());
        assertThat(all.exit()).isEqualTo(1);
        assertThat(ran(all)).containsExactly("a", "b", "c");
        assertThat(created).hasSize(3);
    }
}
