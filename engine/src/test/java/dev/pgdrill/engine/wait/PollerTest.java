package dev.pgdrill.engine.wait;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollerTest {
    @Test
    void returnsTheValueThatSatisfiedTheCondition() throws InterruptedException {
        AtomicInteger n = new AtomicInteger();
        Poller.Outcome<Integer> o = Poller.within(Duration.ofSeconds(5)).poll("n >= 3", n::incrementAndGet,
                v -> v >= 3, String::valueOf);
        assertTrue(o.reached());
        assertEquals(3, o.value());
        assertEquals(3, o.orElseThrow(IllegalStateException::new));
    }

    @Test
    void aTimeoutNamesWhatWasAwaitedForHowLongAndTheLastValueSeen() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Poller.within(Duration.ofMillis(150))
                .poll("pg_is_in_recovery() = false on node 'primary'", () -> true, v -> !v, String::valueOf)
                .orElseThrow(IllegalStateException::new));
        assertTrue(e.getMessage().matches("timed out after 1\\d\\dms waiting for pg_is_in_recovery\\(\\) = false "
                + "on node 'primary' \\(last: true\\)"), e.getMessage());
    }

    @Test
    void aProbeThatThrowsCountsAsNotYetAndItsMessageIsTheLastValue() throws InterruptedException {
        AtomicInteger n = new AtomicInteger();
        Poller.Outcome<String> o = Poller.within(Duration.ofMillis(100)).poll("a connection", () -> {
            n.incrementAndGet();
            throw new SQLException("Connection refused\nsecond line");
        }, v -> true, v -> v);
        assertFalse(o.reached());
        assertEquals("error: Connection refused", o.last());
        assertTrue(n.get() >= 2, "polled again after the failure: " + n.get());
    }

    @Test
    void aProbeCutShortByCancellationLeavesTheLastStateSeen() throws InterruptedException {
        for (Exception cut : List.of(new CancellationException(),
                new IllegalStateException("interrupted while running [find /backups]", new InterruptedException()))) {
            AtomicInteger n = new AtomicInteger();
            Poller.Outcome<Boolean> o = Poller.within(Duration.ofMillis(100)).poll("recovery ended", () -> {
                if (n.incrementAndGet() > 2) {
                    throw cut;
                }
                return true;
            }, v -> !v, String::valueOf);
            assertFalse(o.reached());
            assertEquals("true", o.last(), "after " + cut);
            assertTrue(o.message().endsWith("waiting for recovery ended (last: true)"), o.message());
        }
    }

    @Test
    void pausesGrowUpToTheMaximum() throws InterruptedException {
        List<Long> at = new ArrayList<>();
        Poller.within(Duration.ofMillis(700)).pausing(Duration.ofMillis(10), Duration.ofMillis(80))
                .poll("never", () -> at.add(System.nanoTime()), v -> false, String::valueOf);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < at.size() - 1; i++) { // the last pause is cut short by the deadline
            gaps.add((at.get(i) - at.get(i - 1)) / 1_000_000);
        }
        assertTrue(gaps.get(0) < 60, "first pause short: " + gaps);
        assertTrue(gaps.stream().allMatch(g -> g >= 5), "never busy-polls: " + gaps);
        assertTrue(gaps.size() < 20, "backs off instead of polling every 10ms: " + gaps);
    }

    @Test
    void theDefaultWaitPollsAtLeastEveryTwentyMilliseconds() {
        assertTrue(Poller.FIRST_PAUSE.compareTo(Poller.MAX_PAUSE) <= 0, "first pause at most the longest");
        assertTrue(Poller.MAX_PAUSE.toMillis() <= 20, "a condition that became true is seen within 20ms: "
                + Poller.MAX_PAUSE);
        assertTrue(Poller.FIRST_PAUSE.toMillis() >= 10, "never busy-polls: " + Poller.FIRST_PAUSE);
    }

    @Test
    void reportsEveryValueSeen() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        AtomicInteger n = new AtomicInteger();
        Poller.within(Duration.ofSeconds(5)).reporting((what, last) -> seen.add(what + "=" + last))
                .poll("n", n::incrementAndGet, v -> v == 2, String::valueOf);
        assertEquals(List.of("n=1", "n=2"), seen);
    }

    @Test
    void anInterruptedYesNoWaitEndsUnreachedAndKeepsTheInterruptFlag() {
        Thread.currentThread().interrupt();
        Poller.Outcome<Boolean> o = Poller.within(Duration.ofSeconds(5)).poll("never", () -> false);
        assertTrue(Thread.interrupted(), "flag restored");
        assertTrue(o.interrupted());
        assertTrue(o.message().startsWith("interrupted after"), o.message());
    }
}
