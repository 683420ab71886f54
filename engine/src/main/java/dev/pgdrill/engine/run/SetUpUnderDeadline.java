package dev.pgdrill.engine.run;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.scenario.Scenario;

import java.time.Duration;
import java.time.Instant;

/**
 * Sets a drill's environment up on a thread of its own under the earlier of the set-up timeout and the
 * drill deadline, so that an {@link Abort} and the drill deadline can stop it.
 */
final class SetUpUnderDeadline {
    private static final Duration GRACE = Duration.ofSeconds(10);

    private SetUpUnderDeadline() {
    }

    /**
     * @return null when the environment is ready, else why it was stopped (drill timeout or abort)
     * @throws RuntimeException what the set-up threw, or that it outlasted {@code setUpTimeout}
     */
    static String run(Environment env, Scenario scenario, Instant drillDeadline, Duration setUpTimeout, Abort abort) {
        Instant setUpDeadline = Instant.now().plus(setUpTimeout);
        boolean drillBound = drillDeadline.isBefore(setUpDeadline);
        Instant until = drillBound ? drillDeadline : setUpDeadline;
        if (abort.happened()) {
            return abort.reason();
        }
        BoundedRun work = new BoundedRun("set-up-" + scenario.name(), () -> {
            env.setUp(Duration.ofMillis(Math.max(1, Duration.between(Instant.now(), until).toMillis())));
            return null;
        });
        try (Abort.Tracked tracked = abort.track(why -> work.stop())) {
            if (abort.happened()) {
                work.stop();
            }
            return outcome(work.await(until, GRACE), work, drillBound, scenario, setUpTimeout, abort);
        }
    }

    private static String outcome(BoundedRun.End end, BoundedRun work, boolean drillBound, Scenario scenario,
                                  Duration setUpTimeout, Abort abort) {
        if (end == BoundedRun.End.DONE) {
            return null;
        } else if (abort.happened()) {
            return abort.reason();
        } else if (end == BoundedRun.End.TIMED_OUT && drillBound) {
            return "drill timed out after " + Durations.format(scenario.timeout())
                    + " (drill timeout) while setting up the environment";
        } else if (end == BoundedRun.End.TIMED_OUT) {
            throw new EnvironmentException("timed out after " + Durations.format(setUpTimeout)
                    + " setting up the environment");
        } else if (end != BoundedRun.End.FAILED) {
            return "interrupted while setting up the environment";
        } else if (work.failure() instanceof RuntimeException re) {
            throw re;
        }
        throw new IllegalStateException("environment set-up failed: " + work.failure(), work.failure());
    }
}
