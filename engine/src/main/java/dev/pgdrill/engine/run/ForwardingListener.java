package dev.pgdrill.engine.run;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.scenario.Scenario;

import java.util.List;
import java.util.function.Consumer;

/**
 * A listener that passes every event on through one method, {@link #forward}: the base of the
 * listeners that fan events out, deliver them one at a time or route them per drill. The events
 * are listed here once, so such a listener cannot forget one.
 */
public abstract class ForwardingListener implements DrillListener {
    /**
     * Delivers one event.
     *
     * @param scenario the drill the event belongs to, or null for {@code runStarted} and {@code runFinished}
     * @param event    the call to make on each listener the event goes to
     */
    protected abstract void forward(Scenario scenario, Consumer<DrillListener> event);

    @Override
    public final void runStarted(List<Scenario> scenarios) {
        forward(null, l -> l.runStarted(scenarios));
    }

    @Override
    public final void drillStarted(Scenario scenario, String environment) {
        forward(scenario, l -> l.drillStarted(scenario, environment));
    }

    @Override
    public final void environmentReady(Scenario scenario, String location) {
        forward(scenario, l -> l.environmentReady(scenario, location));
    }

    @Override
    public final void serverVersions(Scenario scenario, String versions) {
        forward(scenario, l -> l.serverVersions(scenario, versions));
    }

    @Override
    public final void stepStarted(Scenario scenario, StepSpec step) {
        forward(scenario, l -> l.stepStarted(scenario, step));
    }

    @Override
    public final void stepProgress(Scenario scenario, StepSpec step, String awaiting, String current) {
        forward(scenario, l -> l.stepProgress(scenario, step, awaiting, current));
    }

    @Override
    public final void stepFinished(Scenario scenario, StepResult result) {
        forward(scenario, l -> l.stepFinished(scenario, result));
    }

    @Override
    public final void drillFinished(DrillResult result) {
        forward(result.scenario(), l -> l.drillFinished(result));
    }

    @Override
    public final void runFinished(RunResult result) {
        forward(null, l -> l.runFinished(result));
    }
}
