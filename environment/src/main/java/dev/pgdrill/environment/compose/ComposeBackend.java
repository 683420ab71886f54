package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.environment.Backend;
import dev.pgdrill.environment.EnvironmentOptions;

/** {@code --env compose}: registered in {@code META-INF/services/dev.pgdrill.environment.Backend}. */
public final class ComposeBackend implements Backend {
    @Override
    public String kind() {
        return "compose";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public EnvironmentFactory factory(EnvironmentOptions options) {
        return new ComposeEnvironmentFactory(options);
    }
}
