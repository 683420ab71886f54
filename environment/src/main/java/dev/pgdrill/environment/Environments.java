package dev.pgdrill.environment;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.environment.compose.ComposeEnvironmentFactory;
import dev.pgdrill.environment.local.LocalEnvironmentFactory;
import dev.pgdrill.environment.testcontainers.TestcontainersEnvironmentFactory;

import java.util.List;

/** Chooses the environment adapter for {@code --env}. */
public final class Environments {
    /** Kinds accepted by {@code --env}. */
    public static final List<String> KINDS = List.of("local", "compose", "testcontainers");

    private Environments() {
    }

    /**
     * @param kind    {@code local}, {@code compose} or {@code testcontainers}
     * @param options settings shared by both adapters
     * @throws DrillException with exit code 2 for an unknown kind, 3 when the backend is unusable here
     *                        (no PostgreSQL binaries, no Docker engine), with a message naming what to install
     */
    public static EnvironmentFactory factory(String kind, EnvironmentOptions options) {
        switch (kind) {
            case "local":
                return new LocalEnvironmentFactory(options);
            case "compose":
                return new ComposeEnvironmentFactory(options);
            case "testcontainers":
                return new TestcontainersEnvironmentFactory(options);
            default:
                throw new DrillException(ExitCode.INVALID,
                        "unknown environment '" + kind + "' (expected one of: " + String.join(", ", KINDS) + ")");
        }
    }
}
