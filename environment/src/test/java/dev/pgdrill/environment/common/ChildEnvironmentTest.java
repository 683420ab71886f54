package dev.pgdrill.environment.common;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChildEnvironmentTest {
    private static final Map<String, String> CALLER = Map.of("PATH", "/opt/bin:/usr/bin", "LANG", "de_DE.UTF-8",
            "LC_MESSAGES", "C", "HOME", "/home/me", "PGPASSWORD", "wrong", "PGSERVICEFILE", "/x",
            "DOCKER_HOST", "unix:///run/docker.sock", "COMPOSE_FILE", "/elsewhere.yml", "SECRET_TOKEN", "t",
            "PGBACKREST_REPO1_PATH", "/elsewhere");

    @Test
    void toolsGetTheAllowlistAndTheRunsHomeButNoPgOrPgBackRestVariable() {
        Map<String, String> env = ChildEnvironment.forTools(CALLER, Path.of("/tmp/run"));
        assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of("PATH", "/opt/bin:/usr/bin", "LANG", "de_DE.UTF-8",
                "LC_MESSAGES", "C", "HOME", "/tmp/run"));
    }

    @Test
    void dockerKeepsItsHomeAndEngineVariablesButNoPgOrComposeVariable() {
        Map<String, String> env = ChildEnvironment.forDocker(CALLER);
        assertThat(env).containsEntry("HOME", "/home/me").containsEntry("DOCKER_HOST", "unix:///run/docker.sock")
                .doesNotContainKeys("PGPASSWORD", "PGSERVICEFILE", "COMPOSE_FILE", "SECRET_TOKEN");
    }

    @Test
    void aMissingPathGetsTheUsualDirectories() {
        assertThat(ChildEnvironment.forTools(Map.of(), null)).containsOnlyKeys("PATH");
    }

    @Test
    void applyReplacesTheInheritedEnvironment() {
        ProcessBuilder pb = new ProcessBuilder("true");
        pb.environment().put("PGUSER", "nobody");
        ChildEnvironment.apply(pb, Map.of("PATH", "/bin"), Map.of("PGUSER", "admin"));
        assertThat(pb.environment()).isEqualTo(Map.of("PATH", "/bin", "PGUSER", "admin"));
    }
}
