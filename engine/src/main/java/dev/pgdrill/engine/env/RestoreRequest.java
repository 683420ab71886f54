package dev.pgdrill.engine.env;

/**
 * Restore a node from a base backup plus the WAL archive.
 *
 * @param node    node to restore into; if it does not exist yet the environment creates it
 * @param backup  backup name, or null for the latest backup taken in this run
 * @param target  where recovery stops
 * @param action  what the server does at the target; null means {@link RestoreAction#PROMOTE}
 */
public record RestoreRequest(String node, String backup, RecoveryTarget target, RestoreAction action) {
    public RestoreRequest {
        action = action == null ? RestoreAction.PROMOTE : action;
    }
}
