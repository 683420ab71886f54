package dev.pgdrill.environment.local;

import dev.pgdrill.environment.Backend;

/** {@code --env local}: registered in {@code META-INF/services/dev.pgdrill.environment.Backend}. */
public final class LocalBackend extends Backend.Of {
    public LocalBackend() {
        super("local", 0, LocalEnvironmentFactory::new);
    }
}
