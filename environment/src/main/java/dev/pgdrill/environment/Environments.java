package dev.pgdrill.environment;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.EnvironmentFactory;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Chooses the environment adapter for {@code --env} among the {@link Backend}s found on the class path. */
public final class Environments {
    /** Kinds accepted by {@code --env}, the default first. */
    public static final List<String> KINDS = backends().stream().map(Backend::kind).toList();

    private Environments() {
    }

    /** The backends on the class path, in {@link Backend#order()}. */
    static List<Backend> backends() {
        return ServiceLoader.load(Backend.class, Environments.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).sorted(Comparator.comparingInt(Backend::order)
                        .thenComparing(Backend::kind)).toList();
    }

    /**
     * @param kind    a {@link Backend#kind()}, such as {@code local}, {@code compose} or {@code testcontainers}
     * @param options settings shared by the adapters
     * @throws DrillException with exit code 2 for an unknown kind, 3 when the backend is unusable here
     *                        (no PostgreSQL binaries, no Docker engine), with a message naming what to install
     */
    public static EnvironmentFactory factory(String kind, EnvironmentOptions options) {
        for (Backend b : backends()) {
            if (b.kind().equals(kind)) {
                return b.factory(options);
            }
        }
        throw new DrillException(ExitCode.INVALID,
                "unknown environment '" + kind + "' (expected one of: " + String.join(", ", KINDS) + ")");
    }
}
