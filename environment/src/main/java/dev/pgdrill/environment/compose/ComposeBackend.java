package dev.pgdrill.environment.compose;

import dev.pgdrill.environment.Backend;

/** {@code --env compose}: registered in {@code META-INF/services/dev.pgdrill.environment.Backend}. */
public final class ComposeBackend extends Backend.Of {
    public ComposeBackend() {
        super("compose", 10, ComposeEnvironmentFactory::new);
    }
}
