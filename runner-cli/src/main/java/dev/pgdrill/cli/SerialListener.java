package dev.pgdrill.cli;

import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.ForwardingListener;
import dev.pgdrill.engine.scenario.Scenario;

import java.util.function.Consumer;

/**
 * Delivers the events of drills running in parallel one at a time: each event reaches every
 * listener behind it before the next event starts, so report files and console lines of
 * different drills never interleave halfway.
 */
final class SerialListener extends ForwardingListener {
    private final DrillListener delegate;
    private final Object lock = new Object();

    SerialListener(DrillListener delegate) {
        this.delegate = delegate;
    }

    @Override
    protected void forward(Scenario scenario, Consumer<DrillListener> event) {
        synchronized (lock) {
            event.accept(delegate);
        }
    }
}
