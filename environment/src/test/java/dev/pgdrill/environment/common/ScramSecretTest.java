package dev.pgdrill.environment.common;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SCRAM-SHA-256 secrets as PostgreSQL stores them. */
class ScramSecretTest {
    @Test
    void matchesAnIndependentComputation() {
        // RFC 7677's password and salt; expected value from Python's hashlib/hmac (PBKDF2-HMAC-SHA256, 4096 rounds)
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        assertThat(ScramSecret.of("pencil", salt, 4096)).isEqualTo("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ=="
                + "$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=");
    }

    @Test
    void aFreshSaltEveryTimeAndTheRunsIterationCount() {
        String a = ScramSecret.of(Passwords.generate(), ScramSecret.RUN_ITERATIONS);
        String b = ScramSecret.of("samePassword1", ScramSecret.RUN_ITERATIONS);
        assertThat(a).matches("SCRAM-SHA-256\\$16:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}");
        assertThat(b).isNotEqualTo(ScramSecret.of("samePassword1", ScramSecret.RUN_ITERATIONS));
    }

    @Test
    void aPasswordSaslPrepWouldChangeIsRefused() {
        assertThatThrownBy(() -> ScramSecret.of("caf\u00e9", 16)).isInstanceOf(IllegalArgumentException.class);
    }
}
