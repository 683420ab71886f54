package dev.pgdrill.engine.run;

import dev.pgdrill.engine.scenario.Scenario;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/** Fans events out to several listeners; one failing listener never stops the others or the run. */
public final class CompositeListener extends ForwardingListener {
    private final List<DrillListener> listeners;
    private final PrintStream err;

    public CompositeListener(List<DrillListener> listeners, PrintStream err) {
        this.listeners = List.copyOf(listeners);
        this.err = err;
    }

    @Override
    protected void forward(Scenario scenario, Consumer<DrillListener> event) {
        for (DrillListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                err.println("warning: " + l.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }
}
