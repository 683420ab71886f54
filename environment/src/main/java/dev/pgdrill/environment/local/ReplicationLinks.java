package dev.pgdrill.environment.local;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's replication links: for each standby, a {@link TcpProxy} to its upstream. Faults are
 * kept per node and applied to every link the node is an end of: a link is cut while either end
 * is partitioned, and its delay is the sum of both ends' latencies. So {@code partition primary}
 * and {@code partition replica} both cut the link between them, and a link created later (a
 * rebuilt replica) starts with the faults already in force.
 */
final class ReplicationLinks {
    private record Link(String downstream, String upstream, TcpProxy proxy) {
    }

    private final Map<String, Link> byDownstream = new HashMap<>();
    private final Set<String> partitioned = new HashSet<>();
    private final Map<String, Duration> latency = new HashMap<>();

    /** Creates (replacing any previous one) the link from {@code downstream} to {@code upstream}; returns its port. */
    synchronized int connect(String downstream, String upstream, int upstreamPort) {
        disconnect(downstream);
        TcpProxy proxy = new TcpProxy(downstream + "->" + upstream, upstreamPort);
        Link link = new Link(downstream, upstream, proxy);
        byDownstream.put(downstream, link);
        apply(link);
        return proxy.port();
    }

    /** Removes the link of a node that no longer follows an upstream (it was restored as a primary). */
    synchronized void disconnect(String downstream) {
        Link old = byDownstream.remove(downstream);
        if (old != null) {
            old.proxy().close();
        }
    }

    synchronized void partition(String node, boolean cut) {
        if (cut) {
            partitioned.add(node);
        } else {
            partitioned.remove(node);
        }
        byDownstream.values().forEach(this::apply);
    }

    synchronized void latency(String node, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            latency.remove(node);
        } else {
            latency.put(node, delay);
        }
        byDownstream.values().forEach(this::apply);
    }

    synchronized boolean isPartitioned(String node) {
        return partitioned.contains(node);
    }

    private void apply(Link link) {
        link.proxy().cut(partitioned.contains(link.downstream()) || partitioned.contains(link.upstream()));
        link.proxy().delay(latency.getOrDefault(link.downstream(), Duration.ZERO)
                .plus(latency.getOrDefault(link.upstream(), Duration.ZERO)));
    }

    synchronized void closeAll() {
        List.copyOf(byDownstream.keySet()).forEach(this::disconnect);
    }
}
