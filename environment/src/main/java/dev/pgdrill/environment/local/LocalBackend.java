package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.environment.Backend;
import dev.pgdrill.environment.EnvironmentOptions;

/** {@code --env local}: registered in {@code META-INF/services/dev.pgdrill.environment.Backend}. */
public final class LocalBackend implements Backend {
    @Override
    public String kind() {
        return "local";
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public EnvironmentFactory factory(EnvironmentOptions options) {
        return new LocalEnvironmentFactory(options);
    }
}
