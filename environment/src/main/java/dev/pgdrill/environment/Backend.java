package dev.pgdrill.environment;

import dev.pgdrill.engine.env.EnvironmentFactory;

/**
 * One kind of environment ({@code --env KIND}), found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.pgdrill.environment.Backend}): a new backend is a class of its own and
 * one line there; no front end names an implementation.
 */
public interface Backend {
    /** The name {@code --env} and {@code pgdrill.env} take, such as {@code local}. */
    String kind();

    /** Where a kind comes in the lists users read (lower first); the default backend is 0. */
    default int order() {
        return 100;
    }

    /** The backend's factory; a {@code DrillException} (exit 3) when it is unusable on this machine. */
    EnvironmentFactory factory(EnvironmentOptions options);
}
