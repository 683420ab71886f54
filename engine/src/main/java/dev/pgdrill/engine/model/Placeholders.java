package dev.pgdrill.engine.model;

import java.util.regex.Pattern;

/**
 * The {@code ${...}} syntax of scenario text, in one place: the scenario reader resolves what it finds, and a
 * step type may check where a reference stands (an {@code exec} step refuses one in shell text) without
 * knowing the reader. {@code $${} writes a literal {@code ${}.
 */
public final class Placeholders {
    /** Any {@code ${...}} not preceded by another {@code $}; group 1 is the inside. */
    public static final Pattern REFERENCE = Pattern.compile("(?<!\\$)\\$\\{([^}]*)}");

    private Placeholders() {
    }
}
