package dev.pgdrill.engine.ledger;

import dev.pgdrill.engine.ledger.LedgerEntry.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LossTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    static LedgerEntry entry(long seq, String node, Status status, long doneMs) {
        return new LedgerEntry(seq, "k" + seq, "w", node, T0.plusMillis(doneMs - 5), T0.plusMillis(doneMs), null,
                status, status == Status.ACKNOWLEDGED ? null : "x", new Presence.Row("t", seq));
    }

    @Test
    void acknowledgedButAbsentIsLostAndUnacknowledgedButPresentIsGhost() {
        List<LedgerEntry> entries = List.of(
                entry(1, "primary", Status.ACKNOWLEDGED, 0),      // replicated: present
                entry(2, "primary", Status.ACKNOWLEDGED, 100),    // lost
                entry(3, "primary", Status.ERRORED, 150),         // errored, absent: fine
                entry(4, "primary", Status.ACKNOWLEDGED, 1_600),  // lost
                entry(5, "primary", Status.UNKNOWN, 1_700),       // in flight at the crash, yet present: ghost
                entry(6, "primary", Status.IN_FLIGHT, 1_800));    // never answered, absent: fine
        Loss loss = Loss.of(entries, Set.of(1L, 5L));
        assertThat(loss.recorded()).isEqualTo(6);
        assertThat(loss.acknowledged()).isEqualTo(3);
        assertThat(loss.lost()).extracting(LedgerEntry::key).containsExactly("k2", "k4");
        assertThat(loss.ghost()).extracting(LedgerEntry::key).containsExactly("k5");
        assertThat(loss.window()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(loss.windowSeconds()).isEqualTo(1.5);
    }

    @Test
    void nothingLostMeansAZeroWindow() {
        Loss loss = Loss.of(List.of(entry(1, "primary", Status.ACKNOWLEDGED, 0)), Set.of(1L));
        assertThat(loss.lost()).isEmpty();
        assertThat(loss.ghost()).isEmpty();
        assertThat(loss.windowSeconds()).isZero();
    }

    @Test
    void aSingleLostWriteHasAZeroWindow() {
        Loss loss = Loss.of(List.of(entry(1, "primary", Status.ACKNOWLEDGED, 0)), Set.of());
        assertThat(loss.lost()).hasSize(1);
        assertThat(loss.windowSeconds()).isZero();
    }

    @Test
    void recoveryTimeRunsFromTheFaultToTheFirstAcknowledgementOfTheServingNode() {
        List<LedgerEntry> entries = List.of(
                entry(1, "primary", Status.ACKNOWLEDGED, 0),
                entry(2, "primary", Status.ACKNOWLEDGED, 900),
                entry(3, "primary", Status.UNKNOWN, 1_100),
                entry(4, "replica", Status.ERRORED, 1_500),
                entry(5, "replica", Status.ACKNOWLEDGED, 3_250),
                entry(6, "replica", Status.ACKNOWLEDGED, 3_300));
        Instant fault = T0.plusMillis(1_000);
        LedgerEntry first = Outage.firstAckAfter(entries, "replica", fault).orElseThrow();
        assertThat(first.key()).isEqualTo("k5");
        assertThat(Outage.seconds(fault, first)).isEqualTo(2.25);
        assertThat(Outage.lastAckBefore(entries, fault).orElseThrow().key()).isEqualTo("k2");
        assertThat(Outage.firstAckAfter(entries, "primary", fault)).isEmpty();
    }

    @Test
    void withoutANamedNodeRecoveryIsTheFirstWriteSentAfterTheFaultEndedWhoeverAcknowledgedIt() {
        List<LedgerEntry> entries = List.of(
                entry(1, "primary", Status.ACKNOWLEDGED, 900),
                entry(2, "primary", Status.ACKNOWLEDGED, 1_020),  // acknowledged while the kill step ran: not recovery
                entry(3, "primary", Status.UNKNOWN, 1_100),
                entry(4, "replica", Status.ERRORED, 1_500),
                entry(5, "replica", Status.ACKNOWLEDGED, 3_250),
                entry(6, "replica", Status.ACKNOWLEDGED, 3_300));
        Instant faultStart = T0.plusMillis(1_000);
        Instant faultEnd = T0.plusMillis(1_050);
        assertThat(Outage.firstAckAfter(entries, "primary", faultStart).orElseThrow().key()).isEqualTo("k2");
        LedgerEntry first = Outage.firstAckSentAfter(entries, faultEnd).orElseThrow();
        assertThat(first.key()).isEqualTo("k5");
        assertThat(first.node()).isEqualTo("replica");
        assertThat(Outage.seconds(faultStart, first)).isEqualTo(2.25);
        assertThat(Outage.firstAckSentAfter(entries, T0.plusMillis(3_300))).isEmpty();
    }
}
