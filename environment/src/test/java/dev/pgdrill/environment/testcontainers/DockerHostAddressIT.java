package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.environment.container.DockerEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On this engine (a local socket) Testcontainers is told {@code localhost} before its first use, and it keeps
 * that answer: it never resolves the address itself, which on a host with {@code /.dockerenv} means a helper
 * container and a pull.
 */
class DockerHostAddressIT {
    @Test
    void testcontainersUsesTheAddressOfTheLocalSocket() {
        Assumptions.assumeTrue(DockerEngine.available(), "no Docker engine reachable: testcontainers tests skipped");
        String override = System.getenv(DockerHostAddress.OVERRIDE);
        Assumptions.assumeTrue(override == null || override.isBlank(),
                DockerHostAddress.OVERRIDE + " is set here, so Testcontainers takes it: skipped");
        Assumptions.assumeTrue(DockerClientFactory.instance().getTransportConfig().getDockerHost().getScheme()
                .equals("unix"), "the engine is not on a local socket: skipped");
        try (DockerEngine engine = DockerEngine.connect()) {
            TestcontainersEnvironmentFactory.prepare(engine);
        }
        assertThat(DockerClientFactory.instance().dockerHostIpAddress()).isEqualTo("localhost");
        assertThat(DockerHostAddress.configure()).isEqualTo("localhost");
    }
}
