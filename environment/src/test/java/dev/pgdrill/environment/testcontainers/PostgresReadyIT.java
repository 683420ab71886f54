package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.engine.env.ConnectionInfo;
import dev.pgdrill.environment.common.FreePorts;
import dev.pgdrill.environment.container.DockerEngine;
import dev.pgdrill.environment.container.ProjectContainers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The wait strategy checks PostgreSQL for real: a server that is up (pg_isready answers, the log says
 * "ready to accept connections") but refuses the run's credentials is not ready, and the failure says why.
 */
class PostgresReadyIT {
    @Test
    void aServerThatRefusesTheRunsLoginIsNotReady() {
        Assumptions.assumeTrue(DockerEngine.available(), "no Docker engine reachable: testcontainers tests skipped");
        String image = TestcontainersEnvironmentFactory.DEFAULT_IMAGE;
        String project = TestcontainersEnvironment.projectName("ready-it");
        int port = FreePorts.reserve();
        try (DockerEngine engine = DockerEngine.connect()) {
            Assumptions.assumeTrue(engine.imageExists(image), image + " not built here");
            TestcontainersEnvironmentFactory.prepare(engine);
            ProjectContainers labels = new ProjectContainers(engine, project, image);
            String volume = project + "_data";
            engine.client().createVolumeCmd().withName(volume).withLabels(labels.labels(Map.of())).exec();
            try (Network client = Network.newNetwork();
                 NodeContainer c = new NodeContainer(DockerImageName.parse(image), "primary", client, id -> {
                 })) {
                c.publishedOn(port, volume, volume, volume).labelled(labels.labels(Map.of()))
                        .withEnv("POSTGRES_USER", "admin").withEnv("POSTGRES_PASSWORD", "the-servers-password")
                        .withEnv("POSTGRES_DB", "statelessCommerce").withStartupAttempts(1)
                        .waitingFor(new PostgresReady(new ConnectionInfo("127.0.0.1", port, "statelessCommerce",
                                "admin", "another-password")).withStartupTimeout(Duration.ofSeconds(25)));
                Throwable failure = catchThrowable(c::start);
                assertThat(failure).isNotNull();
                StringBuilder all = new StringBuilder();
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    all.append(t.getMessage()).append('\n');
                }
                assertThat(all.toString()).contains("PostgreSQL not ready within 25s")
                        .contains("SELECT 1 over 127.0.0.1:" + port + " failed")
                        .contains("password authentication failed");
            } finally {
                labels.sweep();
            }
        } finally {
            FreePorts.release(port);
        }
    }
}
