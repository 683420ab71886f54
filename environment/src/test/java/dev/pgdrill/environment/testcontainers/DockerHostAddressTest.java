package dev.pgdrill.environment.testcontainers;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Where published ports are, from the Docker host's address alone: no engine and no container asked. */
class DockerHostAddressTest {
    @Test
    void aLocalSocketMeansLocalhost() {
        assertThat(DockerHostAddress.address(null, URI.create("unix:///var/run/docker.sock"))).isEqualTo("localhost");
        assertThat(DockerHostAddress.address("", URI.create("unix:///run/user/1000/docker.sock"))).isEqualTo("localhost");
        assertThat(DockerHostAddress.address(null, URI.create("npipe:////./pipe/docker_engine"))).isEqualTo("localhost");
    }

    @Test
    void aRemoteEngineMeansItsOwnHost() {
        assertThat(DockerHostAddress.address(null, URI.create("tcp://10.1.2.3:2376"))).isEqualTo("10.1.2.3");
        assertThat(DockerHostAddress.address(null, URI.create("https://docker.example:2376"))).isEqualTo("docker.example");
    }

    @Test
    void theUsersOverrideWins() {
        assertThat(DockerHostAddress.address("host.docker.internal", URI.create("unix:///var/run/docker.sock")))
                .isEqualTo("host.docker.internal");
    }

    @Test
    void anUnknownSchemeHasNoAnswer() {
        assertThat(DockerHostAddress.address(null, URI.create("ssh://me@box"))).isNull();
    }
}
