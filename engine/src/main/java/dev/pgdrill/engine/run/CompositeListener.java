package dev.pgdrill.engine.run;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.scenario.Scenario;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/** Fans events out to several listeners; one failing listener never stops the others or the run. */
public final class CompositeListener implements DrillListener {
    private final List<DrillListener> listeners;
    private final PrintStream err;

    public CompositeListener(List<DrillListener> listeners, PrintStream err) {
        this.listeners = List.copyOf(listeners);
        this.err = err;
    }

    private void each(Consumer<DrillListener> event) {
        for (DrillListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                err.println("warning: " + l.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }

    @Override
    public void runStarted(List<Scenario> scenarios) {
        each(l -> l.runStarted(scenarios));
    }

    @Override
    public void drillStarted(Scenario scenario, String environment) {
        each(l -> l.drillStarted(scenario, environment));
    }

    @Override
    public void environmentReady(Scenario scenario, String location) {
        each(l -> l.environmentReady(scenario, location));
    }

    @Override
    public void stepStarted(Scenario scenario, StepSpec step) {
        each(l -> l.stepStarted(scenario, step));
    }

    @Override
    public void stepProgress(Scenario scenario, StepSpec step, String awaiting, String current) {
        each(l -> l.stepProgress(scenario, step, awaiting, current));
    }

    @Override
    public void stepFinished(Scenario scenario, StepResult result) {
        each(l -> l.stepFinished(scenario, result));
    }

    @Override
    public void drillFinished(DrillResult result) {
        each(l -> l.drillFinished(result));
    }

    @Override
    public void runFinished(RunResult result) {
        each(l -> l.runFinished(result));
    }
}
