package dev.pgdrill.engine.run;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.scenario.Scenario;

import java.util.List;

/**
 * Observes a run. The console, the JSON journal, JUnit XML and HTML reports are all listeners.
 *
 * <p>Event order, guaranteed by the executor:
 * <pre>
 * runStarted
 *   ( drillStarted
 *       [environmentReady]                      -- absent when set-up failed
 *       ( stepStarted stepProgress* stepFinished | stepFinished(SKIPPED) )*   -- main steps
 *       ( stepStarted stepProgress* stepFinished )*                           -- finally steps
 *     drillFinished )*
 * runFinished
 * </pre>
 * A drill that fail-fast keeps from starting gets drillStarted, a SKIPPED stepFinished for each of
 * its steps (finally steps too), and a SKIPPED drillFinished; it has no environmentReady.
 * Drills run one after another unless the caller runs several executors in parallel; a listener
 * shared between parallel drills must be thread-safe. {@code stepProgress} is called from the
 * step's thread. A listener must not throw; if it does, the exception is reported once on stderr
 * and the run goes on.
 */
public interface DrillListener {
    default void runStarted(List<Scenario> scenarios) {
    }

    default void drillStarted(Scenario scenario, String environment) {
    }

    /** @param location where the environment lives (work directory or Compose project) */
    default void environmentReady(Scenario scenario, String location) {
    }

    /**
     * Right after {@link #environmentReady}: the exact server version of each node
     * ({@code primary 17.12 (Debian 17.12-1) [170012]; replica ...}).
     */
    default void serverVersions(Scenario scenario, String versions) {
    }

    default void stepStarted(Scenario scenario, StepSpec step) {
    }

    /**
     * A step is waiting: {@code awaiting} says for what ("lag <= 0 bytes on replica"),
     * {@code current} the last observed value ("1520 bytes"). Called at most a few times a second.
     */
    default void stepProgress(Scenario scenario, StepSpec step, String awaiting, String current) {
    }

    default void stepFinished(Scenario scenario, StepResult result) {
    }

    default void drillFinished(DrillResult result) {
    }

    default void runFinished(RunResult result) {
    }
}
