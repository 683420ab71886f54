package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.common.EnvironmentContract;
import dev.pgdrill.environment.container.Docker;
import dev.pgdrill.environment.container.DockerEngine;
import dev.pgdrill.environment.container.ProjectContainers;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;
import java.util.List;

/**
 * The {@link EnvironmentContract} on the Testcontainers backend: the same checks the local and
 * Compose backends pass, including that nothing labelled with the run is left after close.
 */
class TestcontainersEnvironmentContractIT extends EnvironmentContract {
    @Override
    protected Environment create(String runName) {
        Assumptions.assumeTrue(DockerEngine.available(), "no Docker engine reachable: testcontainers tests skipped");
        return Environments.factory("testcontainers", EnvironmentOptions.defaults()).create(runName);
    }

    @Override
    protected Duration setUpTimeout() {
        return Duration.ofMinutes(3);
    }

    @Override
    protected List<String> leftovers(Environment closed) {
        return Docker.leftovers(((TestcontainersEnvironment) closed).project());
    }

    @Override
    protected void sweep(Environment closed) {
        try (DockerEngine engine = DockerEngine.connect()) {
            new ProjectContainers(engine, ((TestcontainersEnvironment) closed).project(), "unused").sweep();
        }
    }
}
