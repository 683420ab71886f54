/** SQL: {@code sql} (statements, queries, captured columns, ledger writes, expected blocking) and {@code verify}. */
package dev.pgdrill.engine.steps.sql;
