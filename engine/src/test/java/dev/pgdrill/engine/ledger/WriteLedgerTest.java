package dev.pgdrill.engine.ledger;

import dev.pgdrill.engine.ledger.LedgerEntry.Status;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteLedgerTest {
    private static final Presence ROW = new Presence.Row("pgdrill_writes", 1);

    @Test
    void recordsEachWriteInFlightThenItsOutcome() {
        WriteLedger l = new WriteLedger("w");
        long a = l.begin("1", "w", "primary", ROW);
        long b = l.begin("2", "w", "primary", ROW);
        long c = l.begin("3", "w", "primary", ROW);
        assertThat(l.entries()).extracting(LedgerEntry::status).containsOnly(Status.IN_FLIGHT);
        l.acknowledge(a, "0/3000148");
        l.fail(b, Status.ERRORED, "duplicate key");
        l.abandon(c, "writer stopped");
        List<LedgerEntry> e = l.entries();
        assertThat(e).extracting(LedgerEntry::status).containsExactly(Status.ACKNOWLEDGED, Status.ERRORED, Status.UNKNOWN);
        assertThat(e.get(0).lsn()).isEqualTo("0/3000148");
        assertThat(e.get(0).done()).isAfterOrEqualTo(e.get(0).sent());
        assertThat(e.get(1).error()).isEqualTo("duplicate key");
        assertThat(l.count(Status.ACKNOWLEDGED)).isEqualTo(1);
    }

    @Test
    void theFirstOutcomeStandsWhenCleanUpGaveUpOnAWrite() {
        WriteLedger l = new WriteLedger("w");
        long a = l.begin("1", "w", "primary", ROW);
        l.abandon(a, "drill ended");
        l.acknowledge(a, null);
        l.abandon(a, "again");
        assertThat(l.entries().get(0).status()).isEqualTo(Status.UNKNOWN);
        assertThat(l.entries().get(0).error()).isEqualTo("drill ended");
    }

    @Test
    void aFailureIsErroredOrUnknownNeverAcknowledged() {
        WriteLedger l = new WriteLedger("w");
        long a = l.begin("1", "w", "primary", ROW);
        assertThatThrownBy(() -> l.fail(a, Status.ACKNOWLEDGED, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void brokenConnectionsCancelsAndShutdownsLeaveTheOutcomeUnknown() {
        assertThat(WriteLedger.statusFor("08006")).isEqualTo(Status.UNKNOWN);
        assertThat(WriteLedger.statusFor("08001")).isEqualTo(Status.UNKNOWN);
        assertThat(WriteLedger.statusFor("57014")).isEqualTo(Status.UNKNOWN);
        assertThat(WriteLedger.statusFor("57P01")).isEqualTo(Status.UNKNOWN);
        assertThat(WriteLedger.statusFor(null)).isEqualTo(Status.UNKNOWN);
        assertThat(WriteLedger.statusFor("25006")).isEqualTo(Status.ERRORED);
        assertThat(WriteLedger.statusFor("23505")).isEqualTo(Status.ERRORED);
    }

    @Test
    void concurrentWritersGetDistinctSequenceNumbers() throws Exception {
        WriteLedger l = new WriteLedger("w");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        l.acknowledge(l.begin("k", "w", "primary", ROW), null);
                    }
                }));
            }
            for (Future<?> f : jobs) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(l.entries()).hasSize(2000).extracting(LedgerEntry::seq).doesNotHaveDuplicates();
        assertThat(l.count(Status.ACKNOWLEDGED)).isEqualTo(2000);
    }
}
