package dev.pgdrill.engine.env;

/**
 * Restore a node from a base backup plus the WAL archive.
 *
 * @param node    node to restore into; if it does not exist yet the environment creates it
 * @param backup  backup name, or null for the latest backup taken in this run
 * @param target  where recovery stops
 * @param action  {@code promote} (default) or {@code pause} at the target
 */
public record RestoreRequest(String node, String backup, RecoveryTarget target, String action) {
}
