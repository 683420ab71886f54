package dev.pgdrill.environment.common;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A SCRAM-SHA-256 secret as PostgreSQL stores it in {@code pg_authid}
 * ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}, RFC 5802 / 7677), computed here
 * so that the server is given the secret, never the password, and with an iteration count of our
 * choosing. PostgreSQL takes such a string in {@code ALTER ROLE ... PASSWORD} as it is.
 *
 * <p>Why fewer iterations than PostgreSQL's 4096: the iterations slow down guessing a weak password
 * from a stolen secret, and the runs' passwords are 24 random characters (about 140 bits,
 * {@link Passwords}), beyond guessing at any count; but every connection the runner opens pays them
 * in the client (about 15 ms of CPU each in a warm JVM, more in a cold one), and a drill opens dozens
 * (each probe of a wait is a fresh connection). PostgreSQL 16 offers the same trade as
 * {@code scram_iterations}.
 */
public final class ScramSecret {
    /** The iterations of the runs' admin secrets. */
    public static final int RUN_ITERATIONS = 16;

    private ScramSecret() {
    }

    /**
     * The secret of {@code password} (ASCII letters and digits, which SASLprep leaves as they are) with
     * a fresh random salt.
     */
    public static String of(String password, int iterations) {
        if (!password.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            throw new IllegalArgumentException("only ASCII letters and digits are taken as they are by SASLprep");
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return of(password, salt, iterations);
    }

    static String of(String password, byte[] salt, int iterations) {
        try {
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                    + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute SCRAM-SHA-256: " + e.getMessage(), e);
        }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
