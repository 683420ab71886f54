package dev.pgdrill.engine.run;

import dev.pgdrill.engine.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The first stage of a run plan: drills by tags, then by shard, in their order, and what is said about it. */
class SelectionTest {
    /** d1..d7; d2, d4, d6 tagged smoke; d3 and d6 tagged slow. */
    private static final List<Scenario> SEVEN = seven();

    private static List<Scenario> seven() {
        List<Scenario> all = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            Set<String> tags = new HashSet<>();
            if (i % 2 == 0) {
                tags.add("smoke");
            }
            if (i % 3 == 0) {
                tags.add("slow");
            }
            all.add(new Scenario(Path.of("d" + i + ".yaml"), "d" + i, "", Map.of(), List.of(), List.of(),
                    Duration.ofMinutes(1), null, null, tags, null));
        }
        return all;
    }

    private static List<String> names(Selection.Selected s) {
        return s.drills().stream().map(Scenario::name).toList();
    }

    private static Selection.Selected select(String tags, String shard) {
        return new Selection(tags == null ? null : TagFilter.parse(tags), shard == null ? null : Shard.parse(shard))
                .apply(SEVEN);
    }

    @Test
    void everyDrillWithoutFiltersAndNothingToSay() {
        Selection.Selected all = Selection.ALL.apply(SEVEN);
        assertThat(all.drills()).isEqualTo(SEVEN);
        assertThat(all.note()).isNull();
    }

    @Test
    void tagsSelectAnyOfThePlainTagsAndLeaveOutTheExcludedOnes() {
        assertThat(names(select("smoke", null))).containsExactly("d2", "d4", "d6");
        assertThat(names(select("smoke,!slow", null))).containsExactly("d2", "d4");
        assertThat(names(select("smoke,slow", null))).containsExactly("d2", "d3", "d4", "d6");
        assertThat(names(select("!slow", null))).containsExactly("d1", "d2", "d4", "d5", "d7");
        assertThat(select("smoke", null).note()).isNull();
    }

    @Test
    void shardsDealTheSelectedDrillsAndSayWhatTheyTake() {
        Selection.Selected second = select(null, "2/3");
        assertThat(names(second)).containsExactly("d2", "d5");
        assertThat(second.note()).isEqualTo("shard 2/3: 2 of 7 drills: d2.yaml, d5.yaml");
        Selection.Selected tagged = select("smoke,!slow", "2/2");
        assertThat(names(tagged)).containsExactly("d4");
        assertThat(tagged.note()).isEqualTo("shard 2/2: 1 of 2 drills with --tags smoke,!slow: d4.yaml");
        List<String> union = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            union.addAll(names(select(null, i + "/3")));
        }
        assertThat(union).containsExactlyInAnyOrder("d1", "d2", "d3", "d4", "d5", "d6", "d7");
    }

    @Test
    void anEmptyShardOrAFilterThatMatchesNothingIsSaidAndIsNoError() {
        Selection.Selected empty = new Selection(null, Shard.parse("2/2")).apply(SEVEN.subList(0, 1));
        assertThat(empty.drills()).isEmpty();
        assertThat(empty.note()).isEqualTo("shard 2/2 is empty (1 drill, dealt over 2 shards); nothing to run");
        Selection.Selected none = new Selection(TagFilter.parse("smoke,!slow"), null).apply(List.of(SEVEN.get(5)));
        assertThat(none.drills()).isEmpty();
        assertThat(none.note()).isEqualTo("no drill matches --tags smoke,!slow; nothing to run");
    }

    @Test
    void aTagNoDrillHasIsRefusedWithTheNearestOne() {
        assertThatThrownBy(() -> select("smoke,!slwo", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no drill has the tag 'slwo' (did you mean 'slow'?) (tags of these drills: slow, smoke)");
    }

    @Test
    void malformedExpressionsAndShardsAreRefusedWithWhatIsExpected() {
        assertThatThrownBy(() -> TagFilter.parse("smoke,,slow")).hasMessageStartingWith("'smoke,,slow': term 2 is empty");
        assertThatThrownBy(() -> TagFilter.parse("slow,!slow")).hasMessage("'slow,!slow': 'slow' is both wanted and excluded");
        assertThatThrownBy(() -> Shard.parse("3/2")).hasMessage("'3/2': there are only 2 shards: expected 1/2 to 2/2");
        assertThatThrownBy(() -> Shard.parse("1/0"))
                .hasMessage("'1/0': the number of shards must be between 1 and 1000, found 0");
        assertThat(Shard.parse(" 2/4 ")).isEqualTo(new Shard(2, 4)).hasToString("2/4");
    }
}
