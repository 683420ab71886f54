package dev.pgdrill.environment.common;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ending a process the runner started, with everything it started in turn. */
public final class ChildProcesses {
    private ChildProcesses() {
    }

    /**
     * SIGKILL to {@code p} and its descendants, then up to {@code wait} for it to end. An interrupt during
     * that wait ends it early and is passed on (the thread's interrupt flag is set again).
     */
    public static void kill(Process p, Duration wait) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }
}
