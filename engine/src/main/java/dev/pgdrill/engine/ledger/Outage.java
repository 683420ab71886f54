package dev.pgdrill.engine.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Recovery time from a ledger: from a fault to the first write acknowledged afterwards by the serving node. */
public final class Outage {
    private Outage() {
    }

    /** The first entry acknowledged by {@code node} after {@code from} (by acknowledgement time), if any. */
    public static Optional<LedgerEntry> firstAckAfter(List<LedgerEntry> entries, String node, Instant from) {
        return entries.stream()
                .filter(e -> e.acknowledged() && node.equals(e.node()) && e.done().isAfter(from))
                .min((a, b) -> a.done().compareTo(b.done()));
    }

    /**
     * The first entry sent at or after {@code from} and acknowledged, by any node (by acknowledgement time), if
     * any: with a client that picks its host, writes the old node acknowledged while a fault was landing (sent
     * before {@code from}, the fault's end) do not count as recovery.
     */
    public static Optional<LedgerEntry> firstAckSentAfter(List<LedgerEntry> entries, Instant from) {
        return entries.stream()
                .filter(e -> e.acknowledged() && !e.sent().isBefore(from))
                .min((a, b) -> a.done().compareTo(b.done()));
    }

    /** The last acknowledgement (by any node) at or before {@code from}, if any: the service was up until then. */
    public static Optional<LedgerEntry> lastAckBefore(List<LedgerEntry> entries, Instant from) {
        return entries.stream().filter(e -> e.acknowledged() && !e.done().isAfter(from))
                .max((a, b) -> a.done().compareTo(b.done()));
    }

    /** Seconds from {@code from} to the acknowledgement of {@code first}. */
    public static double seconds(Instant from, LedgerEntry first) {
        return Duration.between(from, first.done()).toNanos() / 1e9;
    }
}
