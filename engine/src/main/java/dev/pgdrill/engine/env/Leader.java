package dev.pgdrill.engine.env;

import java.util.List;

/**
 * Who leads the cluster now: the node the failover manager names (Patroni's {@code /cluster}), or without a
 * manager the one node that is out of recovery.
 *
 * @param node     the node that leads
 * @param timeline its timeline (0 when not known)
 * @param source   how it was found, for evidence ({@code "patroni /cluster"}, {@code "pg_is_in_recovery()"})
 * @param members  one line per member as the source reports it (role, state, lag), for evidence
 */
public record Leader(String node, long timeline, String source, List<String> members) {
    /** The role reference a step's {@code on:} may name instead of a node: whoever leads when the step uses it. */
    public static final String ROLE = "leader";

    /** Whether {@code name} is the role reference {@link #ROLE}. */
    public static boolean isRole(String name) {
        return ROLE.equals(name);
    }

    public Leader {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
