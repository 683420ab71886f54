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

    /**
     * The action as scenarios spell it ({@code promote}, {@code pause}, {@code shutdown}; null or blank
     * means promote).
     *
     * @deprecated bridge for callers that still hold the action as text; pass a {@link RestoreAction}
     */
    @Deprecated
    public RestoreRequest(String node, String backup, RecoveryTarget target, String action) {
        this(node, backup, target, RestoreAction.of(action));
    }
}
