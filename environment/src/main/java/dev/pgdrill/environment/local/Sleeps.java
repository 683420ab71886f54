package dev.pgdrill.environment.local;

/** The short pause between two polls of a real condition (always well under a second). */
final class Sleeps {
    private Sleeps() {
    }

    static void brief(long millis) {
        try {
            Thread.sleep(Math.min(millis, 200));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.pgdrill.engine.env.EnvironmentException("interrupted while waiting", e);
        }
    }
}
