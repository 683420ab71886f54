package dev.pgdrill.environment;

import dev.pgdrill.engine.env.EnvironmentFactory;

import java.util.function.Function;

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

    /** A backend given by its kind, order and factory's constructor: a subclass is one constructor. */
    abstract class Of implements Backend {
        private final String kind;
        private final int order;
        private final Function<EnvironmentOptions, EnvironmentFactory> factory;

        protected Of(String kind, int order, Function<EnvironmentOptions, EnvironmentFactory> factory) {
            this.kind = kind;
            this.order = order;
            this.factory = factory;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public EnvironmentFactory factory(EnvironmentOptions options) {
            return factory.apply(options);
        }
    }
}
