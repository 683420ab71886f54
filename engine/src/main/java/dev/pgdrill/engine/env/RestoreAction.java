package dev.pgdrill.engine.env;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a restored server does at its recovery target: PostgreSQL's {@code recovery_target_action}. */
public enum RestoreAction {
    PROMOTE, PAUSE, SHUTDOWN;

    /** The value PostgreSQL and scenarios spell: {@code promote}, {@code pause}, {@code shutdown}. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action spelled {@code value}; {@link #PROMOTE} when null or blank. */
    public static RestoreAction of(String value) {
        if (value == null || value.isBlank()) {
            return PROMOTE;
        }
        for (RestoreAction a : values()) {
            if (a.setting().equals(value.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown restore action '" + value + "' (expected one of: "
                + Arrays.stream(values()).map(RestoreAction::setting).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return setting();
    }
}
