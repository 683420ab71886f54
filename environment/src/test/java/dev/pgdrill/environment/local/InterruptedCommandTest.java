package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command the runner waits for (initdb, pg_basebackup, ...) ends with the wait: when a set-up or a
 * step is stopped, nothing it started may go on writing into the run's directories while they are
 * removed.
 */
class InterruptedCommandTest {
    @Test
    void anInterruptedWaitKillsTheCommandAndWhatItStarted() throws Exception {
        String marker = "61.0" + ProcessHandle.current().pid(); // a sleep length no other process uses
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                ServerUser.runRaw(List.of("sh", "-c", "sleep " + marker + " & wait"), Map.of(), null,
                        Duration.ofMinutes(1));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        waiter.start();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcTable.withCommandLineContaining(marker).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(ProcTable.withCommandLineContaining(marker)).as("the command started").isNotEmpty();

        waiter.interrupt();
        waiter.join(Duration.ofSeconds(10).toMillis());

        assertThat(waiter.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(EnvironmentException.class).hasMessageContaining("interrupted");
        assertThat(ProcTable.withCommandLineContaining(marker)).as("processes left running").isEmpty();
    }
}
