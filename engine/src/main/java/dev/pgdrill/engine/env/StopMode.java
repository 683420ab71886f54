package dev.pgdrill.engine.env;

import java.util.Locale;

/** PostgreSQL shutdown modes, as {@code pg_ctl stop -m}. */
public enum StopMode {
    SMART, FAST, IMMEDIATE;

    public String pgCtlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
