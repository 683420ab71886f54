package dev.pgdrill.engine.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DidYouMeanTest {
    private static final List<String> WORDS = List.of("timeout", "name", "steps", "finally", "sql", "verify", "restore");

    @Test
    void suggestsTheNearestWordForTyposAndSwaps() {
        assertThat(DidYouMean.suggest("tiemout", WORDS)).contains("timeout");
        assertThat(DidYouMean.suggest("stpes", WORDS)).contains("steps");
        assertThat(DidYouMean.suggest("sqll", WORDS)).contains("sql");
        assertThat(DidYouMean.suggest("Restore", WORDS)).contains("restore");
        assertThat(DidYouMean.suggest("fin", WORDS)).contains("finally");
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertThat(DidYouMean.suggest("banana", WORDS)).isEmpty();
        assertThat(DidYouMean.hint("xyz", WORDS)).isEmpty();
        assertThat(DidYouMean.hint("verfy", WORDS)).isEqualTo(" (did you mean 'verify'?)");
    }

    @Test
    void countsAnAdjacentSwapAsOneEdit() {
        assertThat(DidYouMean.distance("ab", "ba")).isEqualTo(1);
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    }
}
