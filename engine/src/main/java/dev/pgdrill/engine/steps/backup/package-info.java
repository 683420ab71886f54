/** Backups and targets: {@code backup}, {@code naive-copy}, {@code switch-wal}, {@code capture-target}. */
package dev.pgdrill.engine.steps.backup;
