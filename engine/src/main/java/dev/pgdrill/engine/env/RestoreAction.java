package dev.pgdrill.engine.env;

import java.util.Locale;

/** What a restored server does at its recovery target: PostgreSQL's {@code recovery_target_action}. */
public enum RestoreAction {
    PROMOTE, PAUSE, SHUTDOWN;

    /** The value PostgreSQL and scenarios spell: {@code promote}, {@code pause}, {@code shutdown}. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return setting();
    }
}
