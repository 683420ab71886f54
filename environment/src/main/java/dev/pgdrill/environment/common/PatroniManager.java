package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.FailoverManager;

/**
 * Patroni with etcd as the drill's failover manager ({@code environment: { failover-manager: patroni }}): on the
 * local backend, one etcd and one Patroni per node, processes of the run (see the local backend's PatroniCluster).
 */
public final class PatroniManager extends FailoverManager {
    public PatroniManager() {
        super("patroni", 10);
    }
}
