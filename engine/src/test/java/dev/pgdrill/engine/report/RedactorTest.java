package dev.pgdrill.engine.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    @Test
    void masksPasswordAssignmentsInText() {
        assertThat(Redactor.text("host=db password=s3cret user=app")).isEqualTo("host=db password=******** user=app");
        assertThat(Redactor.text("PGPASSWORD=s3cret psql")).isEqualTo("PGPASSWORD=******** psql");
        assertThat(Redactor.text("{\"password\": \"s3cret\"}")).isEqualTo("{\"password\": \"********\"}");
        assertThat(Redactor.text("password: 's3 cret'")).isEqualTo("password: '********'");
    }

    @Test
    void masksSqlPasswordLiteralsAndUrlCredentials() {
        assertThat(Redactor.text("ALTER ROLE app PASSWORD 'it''s secret'")).isEqualTo("ALTER ROLE app PASSWORD '********'");
        assertThat(Redactor.text("jdbc:postgresql://app:s3cret@127.0.0.1:5433/db"))
                .isEqualTo("jdbc:postgresql://app:********@127.0.0.1:5433/db");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String log = "FATAL:  password authentication failed for user \"app\"";
        assertThat(Redactor.text(log)).isEqualTo(log);
        assertThat(Redactor.text(null)).isNull();
    }

    @Test
    void masksSecretKeysDeepInParameters() {
        Map<String, Object> masked = Redactor.map(Map.of("on", "primary", "password", 1234,
                "connection", Map.of("user", "app", "PGPASSWORD", "s3cret"), "lines", List.of("password=s3cret")));
        assertThat(masked.toString()).doesNotContain("s3cret").doesNotContain("1234");
        assertThat(masked).containsEntry("on", "primary").containsEntry("password", Redactor.MASK);
        assertThat(masked.keySet()).containsExactly("connection", "lines", "on", "password");
    }

    @Test
    void masksOutputsByKeyAndValue() {
        assertThat(Redactor.strings(Map.of("db_password", "x", "dsn", "postgres://a:b@h/d")))
                .containsEntry("db_password", Redactor.MASK).containsEntry("dsn", "postgres://a:********@h/d");
    }
}
