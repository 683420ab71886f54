package dev.pgdrill.engine.env;

/**
 * Restore a node from a base backup plus the WAL archive.
 *
 * @param node     node to restore into; if it does not exist yet the environment creates it
 * @param backup   backup name, or null for the latest backup taken in this run
 * @param target   where recovery stops
 * @param action   what the server does at the target; null means {@link RestoreAction#PROMOTE}
 * @param upstream null: archive recovery to {@code target}; else the node the restored server streams from as a
 *                 standby ({@code standby.signal}, its slot on the upstream, {@code recovery_target_timeline =
 *                 latest}, the run's {@code restore_command}); {@code target} and {@code action} are then not used
 */
public record RestoreRequest(String node, String backup, RecoveryTarget target, RestoreAction action, String upstream) {
    public RestoreRequest {
        action = action == null ? RestoreAction.PROMOTE : action;
    }

    /** Archive recovery to {@code target} with {@code action}, no upstream. */
    public RestoreRequest(String node, String backup, RecoveryTarget target, RestoreAction action) {
        this(node, backup, target, action, null);
    }

    /** A restore of {@code backup} into {@code node} that then runs as a streaming standby of {@code upstream}. */
    public static RestoreRequest standby(String node, String backup, String upstream) {
        return new RestoreRequest(node, backup, RecoveryTarget.latest().withTimeline(RecoveryTarget.LATEST), null,
                upstream);
    }

    /** Whether the restored node runs as a standby of {@link #upstream()}. */
    public boolean standby() {
        return upstream != null;
    }
}
