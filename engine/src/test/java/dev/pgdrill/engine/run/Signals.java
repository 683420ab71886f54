package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.ExitCode;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A signal handler's part in executor tests: abort once the work under test is inside a step. */
final class Signals {
    private Signals() {
    }

    /** A started thread that aborts {@code executor} ("interrupted by signal", SIGINT's code) once {@code inside} opens (within 5 s). */
    static Thread abortWhenInside(CountDownLatch inside, DrillExecutor executor) {
        Thread signal = new Thread(() -> {
            try {
                if (inside.await(5, TimeUnit.SECONDS)) {
                    executor.abort("interrupted by signal", ExitCode.INTERRUPTED);
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        signal.start();
        return signal;
    }
}
