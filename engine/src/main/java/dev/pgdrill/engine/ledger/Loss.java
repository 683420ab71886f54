package dev.pgdrill.engine.ledger;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What a recovery cost, judged from a ledger and the writes found on the serving node: lost writes
 * were acknowledged but are absent; ghost writes were not acknowledged (errored, unknown or still in
 * flight) but are present. The window is the time between the first and the last lost
 * acknowledgement (zero with fewer than two lost writes).
 *
 * @param recorded     entries judged
 * @param acknowledged entries acknowledged
 * @param lost         acknowledged and absent, in ledger order
 * @param ghost        not acknowledged and present, in ledger order
 * @param window       span of the lost acknowledgements
 */
public record Loss(int recorded, int acknowledged, List<LedgerEntry> lost, List<LedgerEntry> ghost, Duration window) {
    public Loss {
        lost = List.copyOf(lost);
        ghost = List.copyOf(ghost);
    }

    /**
     * @param entries the ledger's entries
     * @param present ledger seqs of the entries found on the serving node
     */
    public static Loss of(List<LedgerEntry> entries, Set<Long> present) {
        List<LedgerEntry> lost = entries.stream().filter(e -> e.acknowledged() && !present.contains(e.seq())).toList();
        List<LedgerEntry> ghost = entries.stream().filter(e -> !e.acknowledged() && present.contains(e.seq())).toList();
        int acked = (int) entries.stream().filter(LedgerEntry::acknowledged).count();
        Duration window = Duration.ZERO;
        if (lost.size() > 1) {
            var first = lost.stream().map(LedgerEntry::done).min(Comparator.naturalOrder()).orElseThrow();
            var last = lost.stream().map(LedgerEntry::done).max(Comparator.naturalOrder()).orElseThrow();
            window = Duration.between(first, last);
        }
        return new Loss(entries.size(), acked, lost, ghost, window);
    }

    public double windowSeconds() {
        return window.toNanos() / 1e9;
    }
}
