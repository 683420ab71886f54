package dev.pgdrill.environment.compose;

import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.container.Docker;

import java.time.Duration;

/** A Compose environment set up for a test class, and its end: closed, then anything of its project swept. */
final class ComposeRuns {
    private ComposeRuns() {
    }

    /** A set-up environment named {@code run} (skips the class without a Docker engine); torn down if set-up fails. */
    static ComposeEnvironment up(String run) {
        Docker.assumeEngine();
        ComposeEnvironment env = (ComposeEnvironment) Environments.factory("compose", EnvironmentOptions.defaults())
                .create(run);
        try {
            env.setUp(Duration.ofMinutes(3));
        } catch (RuntimeException e) {
            down(env);
            throw e;
        }
        return env;
    }

    /** Closes {@code env} (nothing when null) and sweeps whatever its project left. */
    static void down(ComposeEnvironment env) {
        if (env != null) {
            try {
                env.close();
            } finally {
                Docker.sweep(env.project());
            }
        }
    }
}
