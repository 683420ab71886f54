package dev.pgdrill.engine.ledger;

import java.time.Instant;

/**
 * One write recorded client-side in a {@link WriteLedger}.
 *
 * @param seq      position in the ledger (1, 2, ...), in the order the writes were sent
 * @param key      what identifies the write: a workload row's {@code seq}, or the {@code key} of an sql step
 * @param writer   who sent it: the workload's name or the step's label
 * @param node     the node the write was sent to
 * @param sent     client time the statement was sent
 * @param done     client time the outcome arrived (null while in flight)
 * @param lsn      WAL position reported with the acknowledgement, or null
 * @param status   outcome so far
 * @param error    error text for errored / unknown writes, else null
 * @param presence how to tell whether the write is present on a node
 */
public record LedgerEntry(long seq, String key, String writer, String node, Instant sent, Instant done, String lsn,
                          Status status, String error, Presence presence) {

    /** Where a write stands, as the client saw it. */
    public enum Status {
        /** Sent, no answer yet. Counts as not acknowledged. */
        IN_FLIGHT,
        /** PostgreSQL acknowledged the commit. */
        ACKNOWLEDGED,
        /** PostgreSQL answered with an error: the write should not be there. */
        ERRORED,
        /** The connection broke or timed out before an answer: it may or may not have committed. */
        UNKNOWN
    }

    public boolean acknowledged() {
        return status == Status.ACKNOWLEDGED;
    }

    LedgerEntry finish(Status newStatus, Instant at, String newLsn, String newError) {
        return new LedgerEntry(seq, key, writer, node, sent, at, newLsn, newStatus, newError, presence);
    }

    /** One line for evidence: {@code charlie: acknowledged by primary at 12:00:01.123Z (0/3000148)}. */
    public String describe() {
        String what = switch (status) {
            case ACKNOWLEDGED -> "acknowledged by '" + node + "' at " + done + (lsn == null ? "" : " (" + lsn + ")");
            case ERRORED -> "errored on '" + node + "' at " + done + ": " + error;
            case UNKNOWN -> "outcome unknown on '" + node + "' (" + error + ")";
            case IN_FLIGHT -> "still in flight on '" + node + "' since " + sent;
        };
        return key + ": " + what;
    }
}
