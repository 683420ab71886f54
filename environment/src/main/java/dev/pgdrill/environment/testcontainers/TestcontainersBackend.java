package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.environment.Backend;

/** {@code --env testcontainers}: registered in {@code META-INF/services/dev.pgdrill.environment.Backend}. */
public final class TestcontainersBackend extends Backend.Of {
    public TestcontainersBackend() {
        super("testcontainers", 20, TestcontainersEnvironmentFactory::new);
    }
}
