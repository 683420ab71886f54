package dev.pgdrill.engine.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DurationRangeTest {
    @Test
    void readsBothEndsAndDrawsWithinThemTheSameValueForTheSameSeed() {
        DurationRange r = DurationRange.parseOrNull("200ms..3s");
        assertThat(r).isEqualTo(new DurationRange(Duration.ofMillis(200), Duration.ofSeconds(3)));
        Set<Duration> seen = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            Duration d = r.draw(seed);
            assertThat(d).isBetween(Duration.ofMillis(200), Duration.ofSeconds(3)).isEqualTo(r.draw(seed));
            seen.add(d);
        }
        assertThat(seen).as("values spread over the range").hasSizeGreaterThan(150);
    }

    @Test
    void equalEndsStandForThatOneValue() {
        assertThat(DurationRange.parseOrNull("1s..1s").draw(42)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void saysWhatIsWrongWithAnEmptyReversedOrNonDurationRange() {
        assertThat(DurationRange.problem("3s..1s")).contains("reversed range: 3s is after 1s");
        assertThat(DurationRange.problem("..1s")).contains("empty range");
        assertThat(DurationRange.problem("1s..")).contains("empty range");
        assertThat(DurationRange.problem("..")).contains("empty range");
        assertThat(DurationRange.problem("1..5")).contains("needs a duration at each end");
        assertThat(DurationRange.problem("0.5s..2s")).isNull();
    }

    @Test
    void onlyNumberLikeRangesCountAsRangesForOtherParameters() {
        assertThat(DurationRange.rangeLike("1..5")).isTrue();
        assertThat(DurationRange.rangeLike("200ms..3s")).isTrue();
        assertThat(DurationRange.rangeLike("../backups/x.sql")).isFalse();
        assertThat(DurationRange.rangeLike("SELECT 'a..b'")).isFalse();
    }

    @Test
    void aTrialsSeedFollowsFromTheRunSeedAndItsNumberAlone() {
        assertThat(new Trial(3, 20, 8812).seed()).isEqualTo(new Trial(3, 1, 8812).seed());
        assertThat(new Trial(3, 20, 8812).seed()).isNotEqualTo(new Trial(4, 20, 8812).seed())
                .isNotEqualTo(new Trial(3, 20, 8813).seed());
        assertThat(new Trial(3, 20, 8812).seedOf("crash.after")).isEqualTo(new Trial(3, 20, 8812).seedOf("crash.after"))
                .isNotEqualTo(new Trial(3, 20, 8812).seedOf("nap.for"));
    }
}
