package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.environment.Backend;
import dev.pgdrill.environment.EnvironmentOptions;

/** {@code --env testcontainers}: registered in {@code META-INF/services/dev.pgdrill.environment.Backend}. */
public final class TestcontainersBackend implements Backend {
    @Override
    public String kind() {
        return "testcontainers";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public EnvironmentFactory factory(EnvironmentOptions options) {
        return new TestcontainersEnvironmentFactory(options);
    }
}
