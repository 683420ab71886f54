package dev.pgdrill.engine.postgres;

import dev.pgdrill.engine.step.StepFailure;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void writesQuotedLiteralsAndIdentifiersLikePsql() {
        NamedSql n = NamedSql.parse("CREATE ROLE :\"who\" LOGIN PASSWORD :'pw'; SELECT :id",
                Map.of("who", "Bob \"the\" O'Brien", "pw", "it's", "id", 7L));
        assertThat(n.jdbc()).isEqualTo("CREATE ROLE \"Bob \"\"the\"\" O'Brien\" LOGIN PASSWORD 'it''s'; SELECT ?");
        assertThat(n.text()).isEqualTo("CREATE ROLE \"Bob \"\"the\"\" O'Brien\" LOGIN PASSWORD 'it''s'; SELECT :id");
        assertThat(n.order()).containsExactly("id");
        assertThat(n.used()).containsExactlyInAnyOrder("who", "pw", "id");
    }

    @Test
    void hostileValuesStayInsideTheirQuotes() {
        String hostile = "x'; DROP TABLE customers CASCADE; --";
        assertThat(NamedSql.parse("SELECT :'v'", Map.of("v", hostile)).text())
                .isEqualTo("SELECT 'x''; DROP TABLE customers CASCADE; --'");
        assertThat(NamedSql.parse("SELECT 1 FROM :\"v\"", Map.of("v", "t\"; DROP TABLE x; --")).text())
                .isEqualTo("SELECT 1 FROM \"t\"\"; DROP TABLE x; --\"");
        assertThat(NamedSql.parse("SELECT :'v'", Map.of("v", "$$ :v $$")).text()).isEqualTo("SELECT '$$ :v $$'");
    }

    @Test
    void backslashesMakeAnEscapeStringThatMeansTheSameWhateverTheServerSetting() {
        assertThat(NamedSql.parse("SELECT :'v'", Map.of("v", "a\\'b")).text()).isEqualTo("SELECT E'a\\\\''b'");
        assertThat(NamedSql.parse("SELECT x:'v'", Map.of("v", "a")).text()).isEqualTo("SELECT x 'a'");
    }

    @Test
    void refusesValuesThatCannotBeQuotedSafely() {
        assertThatThrownBy(() -> NamedSql.parse("SELECT :'v'", Map.of("v", "a\0b")))
                .isInstanceOf(StepFailure.class).hasMessageContaining("NUL character").hasMessageContaining(":'v'");
        assertThatThrownBy(() -> NamedSql.parse("SELECT 1 FROM :\"t\"", Map.of("t", "")))
                .isInstanceOf(StepFailure.class).hasMessageContaining("is empty");
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("v", null);
        assertThatThrownBy(() -> NamedSql.parse("SELECT :'v'", nulls))
                .isInstanceOf(StepFailure.class).hasMessageContaining("has no value");
    }

    @Test
    void quotedFormsInsideStringsCommentsAndDollarQuotesOrWithUnknownNamesStayAsWritten() {
        String sql = "SELECT ':''v''', $$ :'v' $$, \":'v'\", 'a'::text, arr[1:\"n\"], :'other' -- :'v'\n/* :\"v\" */";
        NamedSql n = NamedSql.parse(sql, Map.of("v", "X"));
        assertThat(n.text()).isEqualTo(sql);
        assertThat(n.used()).isEmpty();
    }

    @Test
    void withoutValuesQuotedFormsCountAsUsedAndStayAsWritten() {
        NamedSql n = NamedSql.parse("SELECT :'pw', :\"t\", :id", Set.of("pw", "t", "id"));
        assertThat(n.jdbc()).isEqualTo("SELECT :'pw', :\"t\", ?");
        assertThat(n.used()).containsExactlyInAnyOrder("pw", "t", "id");
    }
}
