package dev.pgdrill.engine.steps;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NamedSqlTest {
    @Test
    void replacesNamedParametersWithPlaceholdersInOrder() {
        NamedSql n = NamedSql.parse("DELETE FROM customers WHERE lastName = :victim AND firstName <> :who OR x = :victim",
                Set.of("victim", "who"));
        assertThat(n.jdbc()).isEqualTo("DELETE FROM customers WHERE lastName = ? AND firstName <> ? OR x = ?");
        assertThat(n.order()).containsExactly("victim", "who", "victim");
        assertThat(n.used()).containsExactlyInAnyOrder("victim", "who");
    }

    @Test
    void leavesCastsQuotesCommentsAndDollarQuotesAlone() {
        String sql = "SELECT :t::timestamptz, ':t', \"col:t\", E'it\\'s :t', $$ :t $$, $fn$ :t $fn$ -- :t\n"
                + "/* :t /* nested :t */ */ , :t";
        NamedSql n = NamedSql.parse(sql, Set.of("t"));
        assertThat(n.jdbc()).isEqualTo("SELECT ?::timestamptz, ':t', \"col:t\", E'it\\'s :t', $$ :t $$, $fn$ :t $fn$ -- :t\n"
                + "/* :t /* nested :t */ */ , ?");
        assertThat(n.order()).containsExactly("t", "t");
    }

    @Test
    void keepsUnknownNamesAndArraySlicesAsWritten() {
        NamedSql n = NamedSql.parse("SELECT a[1:2], a[lo:hi], :known", Set.of("known"));
        assertThat(n.jdbc()).isEqualTo("SELECT a[1:2], a[lo:hi], ?");
    }

    @Test
    void escapesLiteralQuestionMarksOutsideStrings() {
        NamedSql n = NamedSql.parse("SELECT doc ? 'key', '?' FROM t WHERE id = :id", Set.of("id"));
        assertThat(n.jdbc()).isEqualTo("SELECT doc ?? 'key', '?' FROM t WHERE id = ?");
    }

    @Test
    void doubledQuotesInsideStringsDoNotEndThem() {
        NamedSql n = NamedSql.parse("SELECT 'O''Brien :x', :x", Set.of("x"));
        assertThat(n.jdbc()).isEqualTo("SELECT 'O''Brien :x', ?");
    }
}
