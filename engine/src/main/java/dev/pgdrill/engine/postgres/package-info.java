/**
 * The PostgreSQL toolkit the step types share: SQL with bound named parameters ({@code Sql},
 * {@code NamedSql}, {@code Rows}, {@code Values}), LSNs and WAL segments, lag, readiness and
 * writability probes, the recovery lines of a server log, start-up watching. Knows no step type.
 */
package dev.pgdrill.engine.postgres;
