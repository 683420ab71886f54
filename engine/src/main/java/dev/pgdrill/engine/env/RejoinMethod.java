package dev.pgdrill.engine.env;

/** How a former primary becomes a standby again: pg_rewind, a fresh base backup, or pg_rewind with a rebuild when it fails. */
public enum RejoinMethod {
    REWIND, REBUILD, AUTO
}
