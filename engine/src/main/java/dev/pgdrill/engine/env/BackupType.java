package dev.pgdrill.engine.env;

import java.util.Locale;

/** What a base backup copies: everything, or only what changed since an earlier backup of the chain. */
public enum BackupType {
    /** Every file of the cluster. */
    FULL,
    /** What changed since the last full backup. */
    DIFF,
    /** What changed since the last backup of any type. */
    INCR;

    /** The spelling scenarios and backup tools use: {@code full}, {@code diff}, {@code incr}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return key();
    }
}
