package dev.pgdrill.engine.env;

/** PostgreSQL shutdown modes, as {@code pg_ctl stop -m}. */
public enum StopMode {
    SMART, FAST, IMMEDIATE;

    public String pgCtlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
