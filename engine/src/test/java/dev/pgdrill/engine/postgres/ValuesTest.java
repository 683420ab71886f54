package dev.pgdrill.engine.postgres;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ValuesTest {
    @Test
    void comparesNumbersNumericallyBooleansAsBooleansAndTheRestAsText() {
        assertThat(Values.same(1L, "1")).isTrue();
        assertThat(Values.same(1200L, "1200.00")).isTrue();
        assertThat(Values.same(49.99, "49.99")).isTrue();
        assertThat(Values.same(2L, "1")).isFalse();
        assertThat(Values.same(true, Boolean.TRUE)).isTrue();
        assertThat(Values.same("t", Boolean.TRUE)).isTrue();
        assertThat(Values.same("Johnson", "Johnson")).isTrue();
        assertThat(Values.same("Johnson", "johnson")).isFalse();
        assertThat(Values.same(null, null)).isTrue();
        assertThat(Values.same(null, "x")).isFalse();
        assertThat(Values.same("1e3", "1000")).isFalse(); // only plain decimals are numbers
    }

    @Test
    void comparesRowsCellByCellInOrder() {
        List<List<Object>> found = List.of(List.of("1", "Alice"), List.of("2", "Bob"));
        assertThat(Values.sameRows(List.of(List.of(1L, "Alice"), List.of(2L, "Bob")), found)).isTrue();
        assertThat(Values.sameRows(List.of(List.of(2L, "Bob"), List.of(1L, "Alice")), found)).isFalse();
        assertThat(Values.sameRows(List.of(List.of(1L, "Alice")), found)).isFalse();
    }

    @Test
    void showsTextQuotedAndNumbersPlain() {
        assertThat(Values.show(List.of("1", "Bob", 2.0))).isEqualTo("[1, 'Bob', 2]");
    }
}
