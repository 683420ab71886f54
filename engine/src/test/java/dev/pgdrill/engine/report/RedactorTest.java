package dev.pgdrill.engine.report;

import dev.pgdrill.engine.model.Redactor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    /** No value registered: the patterns alone. */
    private static final Redactor PATTERNS = new Redactor();

    @Test
    void masksPasswordAssignmentsInText() {
        assertThat(PATTERNS.mask("host=db password=s3cret user=app")).isEqualTo("host=db password=******** user=app");
        assertThat(PATTERNS.mask("PGPASSWORD=s3cret psql")).isEqualTo("PGPASSWORD=******** psql");
        assertThat(PATTERNS.mask("{\"password\": \"s3cret\"}")).isEqualTo("{\"password\": \"********\"}");
        assertThat(PATTERNS.mask("password: 's3 cret'")).isEqualTo("password: '********'");
    }

    @Test
    void masksSqlPasswordLiteralsAndUrlCredentials() {
        assertThat(PATTERNS.mask("ALTER ROLE app PASSWORD 'it''s secret'")).isEqualTo("ALTER ROLE app PASSWORD '********'");
        assertThat(PATTERNS.mask("jdbc:postgresql://app:s3cret@127.0.0.1:5433/db"))
                .isEqualTo("jdbc:postgresql://app:********@127.0.0.1:5433/db");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String log = "FATAL:  password authentication failed for user \"app\"";
        assertThat(PATTERNS.mask(log)).isEqualTo(log);
        assertThat(PATTERNS.mask(null)).isNull();
    }

    @Test
    void masksSecretKeysDeepInParameters() {
        Map<String, Object> masked = PATTERNS.maskMap(Map.of("on", "primary", "password", 1234,
                "connection", Map.of("user", "app", "PGPASSWORD", "s3cret"), "lines", List.of("password=s3cret")));
        assertThat(masked.toString()).doesNotContain("s3cret").doesNotContain("1234");
        assertThat(masked).containsEntry("on", "primary").containsEntry("password", Redactor.MASK);
        assertThat(masked.keySet()).containsExactly("connection", "lines", "on", "password");
    }

    @Test
    void masksOutputsByKeyAndValue() {
        assertThat(PATTERNS.maskStrings(Map.of("db_password", "x", "dsn", "postgres://a:b@h/d")))
                .containsEntry("db_password", Redactor.MASK).containsEntry("dsn", "postgres://a:********@h/d");
    }

    @Test
    void masksTheWholeUrlPasswordEvenWhenItHoldsAnAt() {
        assertThat(PATTERNS.mask("postgresql://admin:hun@ter2@db.example:5432/app?sslmode=require"))
                .isEqualTo("postgresql://admin:********@db.example:5432/app?sslmode=require");
        assertThat(PATTERNS.mask("see postgres://u:p@ss@h and postgres://v:w@k/db"))
                .isEqualTo("see postgres://u:********@h and postgres://v:********@k/db");
        assertThat(PATTERNS.mask("postgresql://app@127.0.0.1:5433/db")).isEqualTo("postgresql://app@127.0.0.1:5433/db");
    }

    @Test
    void masksEveryOccurrenceOfARegisteredValueInAnyText() {
        Redactor r = new Redactor().with("tok", "Other123").with("password", "S3cretValue")
                .with("longer", "S3cretValue-2");
        assertThat(r.masks("Other123")).isTrue();
        assertThat(r.mask("found 'S3cretValue/Other123' and S3cretValue-2; Other1234"))
                .isEqualTo("found '********/********' and ********; ********4");
        assertThat(r.maskStrings(Map.of("pw", "S3cretValue"))).containsEntry("pw", Redactor.MASK);
        assertThat(r.maskMap(Map.of("p", List.of("x", "Other123"), "n", 123456)))
                .containsEntry("p", List.of("x", Redactor.MASK)).containsEntry("n", 123456);
        assertThat(PATTERNS.mask("S3cretValue")).as("the patterns alone know no values").isEqualTo("S3cretValue");
    }

    @Test
    void numbersThatAreSecretValuesAreMaskedToo() {
        Redactor r = new Redactor().with("pin", "4711");
        assertThat(r.maskMap(Map.of("p", 4711))).containsEntry("p", Redactor.MASK);
    }

    @Test
    void valuesShorterThanThreeCharactersAreNotMaskedByValueButListed() {
        Redactor r = new Redactor().with("pwd", "ab").with("empty", "").with("pwd", "cd");
        assertThat(r.masks("ab")).isFalse();
        assertThat(r.mask("ab cab")).isEqualTo("ab cab");
        assertThat(r.unmasked()).containsExactly("pwd");
    }

    @Test
    void aRedactorNeverChangesAndEachCopyKnowsOnlyWhatWasAddedToIt() {
        Redactor drill = new Redactor().with("db_password", "DrillPw123");
        Redactor first = drill.withAll(List.of("GeneratedOne1"));
        Redactor second = drill.withAll(List.of("GeneratedTwo2"));
        assertThat(drill.mask("DrillPw123 GeneratedOne1 GeneratedTwo2")).isEqualTo("******** GeneratedOne1 GeneratedTwo2");
        assertThat(first.mask("DrillPw123 GeneratedOne1 GeneratedTwo2")).isEqualTo("******** ******** GeneratedTwo2");
        assertThat(second.mask("DrillPw123 GeneratedOne1 GeneratedTwo2")).isEqualTo("******** GeneratedOne1 ********");
        assertThat(drill.with("db_password", "DrillPw123")).as("a value known already adds nothing").isSameAs(drill);
    }

    @Test
    void namesSayingSecretAreRecognisedCaseInsensitively() {
        assertThat(List.of("password", "db_password", "PGPASSWD", "pwd", "apiToken", "client_secret", "SECRET_KEY"))
                .allMatch(Redactor::secretName);
        assertThat(List.of("victim", "host", "user", "tokyo_region")).noneMatch(Redactor::secretName);
    }
}
