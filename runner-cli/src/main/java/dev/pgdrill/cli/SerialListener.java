package dev.pgdrill.cli;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.scenario.Scenario;

import java.util.List;

/**
 * Delivers the events of drills running in parallel one at a time: each event reaches every
 * listener behind it before the next event starts, so report files and console lines of
 * different drills never interleave halfway.
 */
final class SerialListener implements DrillListener {
    private final DrillListener delegate;
    private final Object lock = new Object();

    SerialListener(DrillListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void runStarted(List<Scenario> scenarios) {
        synchronized (lock) {
            delegate.runStarted(scenarios);
        }
    }

    @Override
    public void drillStarted(Scenario scenario, String environment) {
        synchronized (lock) {
            delegate.drillStarted(scenario, environment);
        }
    }

    @Override
    public void environmentReady(Scenario scenario, String location) {
        synchronized (lock) {
            delegate.environmentReady(scenario, location);
        }
    }

    @Override
    public void stepStarted(Scenario scenario, StepSpec step) {
        synchronized (lock) {
            delegate.stepStarted(scenario, step);
        }
    }

    @Override
    public void stepProgress(Scenario scenario, StepSpec step, String awaiting, String current) {
        synchronized (lock) {
            delegate.stepProgress(scenario, step, awaiting, current);
        }
    }

    @Override
    public void stepFinished(Scenario scenario, StepResult result) {
        synchronized (lock) {
            delegate.stepFinished(scenario, result);
        }
    }

    @Override
    public void drillFinished(DrillResult result) {
        synchronized (lock) {
            delegate.drillFinished(result);
        }
    }

    @Override
    public void runFinished(RunResult result) {
        synchronized (lock) {
            delegate.runFinished(result);
        }
    }
}
