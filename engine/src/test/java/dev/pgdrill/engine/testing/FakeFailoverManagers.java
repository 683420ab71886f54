package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.env.FailoverManager;

/**
 * The failover managers the engine's own tests find (listed in the test resources' services file, left out of
 * the test jar): the environment module's Patroni as the engine sees it, its key only.
 */
public final class FakeFailoverManagers {
    private FakeFailoverManagers() {
    }

    /** Patroni's declaration. */
    public static final class Patroni extends FailoverManager {
        public Patroni() {
            super("patroni", 10);
        }
    }
}
