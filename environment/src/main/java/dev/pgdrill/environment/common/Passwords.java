package dev.pgdrill.environment.common;

import java.security.SecureRandom;

/** The admin password of a run. */
public final class Passwords {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private Passwords() {
    }

    /** 24 random letters and digits, without the look-alikes I, O, l, 0 and 1. */
    public static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
