package dev.pgdrill.engine.env;

import java.util.List;

/**
 * The DCS settings of a drill's Patroni cluster ({@code environment: { patroni: {...} }}), passed to Patroni's
 * {@code bootstrap.dcs}; defaults are Patroni's own. Patroni asks that {@code loopWait + 2 * retryTimeout <= ttl}.
 *
 * @param ttl                  seconds the leader key lives without renewal (how long a dead leader still leads)
 * @param loopWait             seconds between two runs of Patroni's HA loop
 * @param retryTimeout         seconds a DCS or PostgreSQL operation is retried before the leader demotes itself
 * @param maximumLagOnFailover bytes a replica may lag behind and still be promoted
 * @param synchronousMode      whether a commit waits for a synchronous standby Patroni chooses
 * @param usePgRewind          whether a former leader is rewound to follow the new one
 */
public record PatroniSettings(int ttl, int loopWait, int retryTimeout, long maximumLagOnFailover,
                              boolean synchronousMode, boolean usePgRewind) {
    /** Patroni's defaults. */
    public static final PatroniSettings DEFAULTS = new PatroniSettings(30, 10, 10, 1024 * 1024, false, true);
    /** The keys of the {@code patroni:} block, in the order the schema lists them. */
    public static final List<String> KEYS = List.of("ttl", "loop-wait", "retry-timeout",
            "maximum-lag-on-failover", "synchronous-mode", "use-pg-rewind");

    /** Why these settings cannot go together, or null when they can. */
    public String problem() {
        if (loopWait + 2L * retryTimeout > ttl) {
            return "Patroni needs loop-wait + 2 * retry-timeout <= ttl, found " + loopWait + " + 2 * " + retryTimeout
                    + " > " + ttl;
        }
        return null;
    }
}
