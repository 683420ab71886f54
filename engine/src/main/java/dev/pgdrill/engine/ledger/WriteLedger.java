package dev.pgdrill.engine.ledger;

import dev.pgdrill.engine.ledger.LedgerEntry.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The client-side record of writes sent during a drill, one per name: for each write, when it was
 * sent, whether PostgreSQL acknowledged it and when, or the error. The {@code rpo} and {@code rto}
 * steps judge a recovery against it. Thread-safe: a background workload and steps record into it
 * while other steps read snapshots.
 */
public final class WriteLedger {
    private final String name;
    private final List<LedgerEntry> entries = new ArrayList<>();

    public WriteLedger(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Records a write about to be sent; returns its ledger seq for {@link #acknowledge} / {@link #fail}. */
    public synchronized long begin(String key, String writer, String node, Presence presence) {
        long seq = entries.size() + 1L;
        entries.add(new LedgerEntry(seq, key, writer, node, Instant.now(), null, null, Status.IN_FLIGHT, null, presence));
        return seq;
    }

    /** PostgreSQL acknowledged write {@code seq}; {@code lsn} may be null. Only a write in flight changes. */
    public void acknowledge(long seq, String lsn) {
        finish(seq, Status.ACKNOWLEDGED, lsn, null);
    }

    /** Write {@code seq} failed: {@link Status#ERRORED} (the server said no) or {@link Status#UNKNOWN}. */
    public void fail(long seq, Status status, String error) {
        if (status == Status.ACKNOWLEDGED || status == Status.IN_FLIGHT) {
            throw new IllegalArgumentException("a failed write is ERRORED or UNKNOWN, not " + status);
        }
        finish(seq, status, null, error);
    }

    /** Marks write {@code seq} UNKNOWN if it is still in flight (clean-up gave up waiting for it). */
    public synchronized void abandon(long seq, String why) {
        LedgerEntry e = entries.get((int) seq - 1);
        if (e.status() == Status.IN_FLIGHT) {
            entries.set((int) seq - 1, e.finish(Status.UNKNOWN, Instant.now(), null, why));
        }
    }

    private synchronized void finish(long seq, Status status, String lsn, String error) {
        LedgerEntry e = entries.get((int) seq - 1);
        if (e.status() != Status.IN_FLIGHT) {
            return; // the first outcome recorded stands (clean-up may have given up on it already)
        }
        entries.set((int) seq - 1, e.finish(status, Instant.now(), lsn, error));
    }

    /**
     * How to record a write that failed with {@code sqlState}: a lost connection (class 08), a
     * cancel (57014: a cancelled wait for synchronous replication still commits locally), a server
     * shutting down (57P01-57P03) or no SQLSTATE at all (socket timeout) leave the outcome
     * {@link Status#UNKNOWN}; any other error means the server refused it ({@link Status#ERRORED}).
     */
    public static Status statusFor(String sqlState) {
        if (sqlState == null || sqlState.startsWith("08") || sqlState.equals("57014") || sqlState.startsWith("57P")) {
            return Status.UNKNOWN;
        }
        return Status.ERRORED;
    }

    /** A copy of every entry, in the order sent. */
    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    public synchronized long count(Status status) {
        return entries.stream().filter(e -> e.status() == status).count();
    }
}
