package dev.pgdrill.engine.step;

/** The kinds of value a step parameter accepts; the validator and the JSON Schema both use them. */
public enum ParamType {
    /** Any scalar, used as text. */
    STRING,
    /**
     * SQL text. Only text written in the scenario file may become part of it: a {@code ${...}} in it
     * may name only a variable the file defines and the command line does not override; values from
     * {@code --var}, {@code ${env.X}} and step outputs go in as parameters ({@code :name} bound,
     * {@code :'name'} / {@code :"name"} quoted).
     */
    SQL,
    /**
     * SQL text as {@link #SQL}, or a list of such texts: statements run one by one, each in its own
     * transaction (as a psql script), where one text runs as one implicit transaction (as {@code psql -c}).
     */
    SQL_STATEMENTS,
    /** Whole number (or a {@code ${...}} reference). */
    INTEGER,
    /** Number with optional fraction. */
    NUMBER,
    BOOLEAN,
    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
    DURATION,
    /** Byte size: a number, or {@code 16kB}, {@code 16MB}. */
    BYTES,
    /** The name of a node; checked against the nodes that exist at that point of the plan. */
    NODE,
    /**
     * A node name as {@link #NODE}, or a list of such names (e.g. the hosts of a multi-host connection,
     * tried in order); each is checked against the nodes that exist at that point of the plan.
     */
    NODES,
    /** The name of a node that exists or that the step creates; checked against {@link dev.pgdrill.engine.env.Names}. */
    NODE_NAME,
    /** The name of a backup; checked against {@link dev.pgdrill.engine.env.Names}. */
    BACKUP,
    /** One of {@link Param#allowed()}. */
    ENUM,
    /** A mapping of names to scalars (e.g. SQL bind parameters). */
    MAP,
    /** A list of scalars (e.g. a command line). */
    LIST,
    /** A scalar, list or map, checked by the step itself. */
    ANY
}
