package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.container.Docker;
import dev.pgdrill.environment.container.DockerEngine;
import dev.pgdrill.environment.container.ProjectContainers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Set-ups that fail half-way leave no container, network or volume of the run behind, and say why. */
class TestcontainersSetUpFailureIT {
    @BeforeEach
    void engine() {
        Assumptions.assumeTrue(DockerEngine.available(), "no Docker engine reachable: testcontainers tests skipped");
    }

    @Test
    void setUpPastItsDeadlineFailsWithContextAndLeavesNothingBehind() {
        TestcontainersEnvironment env = (TestcontainersEnvironment) Environments
                .factory("testcontainers", EnvironmentOptions.defaults()).create("too-short");
        try {
            EnvironmentException e = catchThrowableOfType(EnvironmentException.class,
                    () -> env.setUp(Duration.ofMillis(1))); // the primary's start then gets its 1 s floor: too short for initdb
            assertThat(e).isNotNull();
            assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
            assertThat(e.getMessage()).contains(env.project()).contains("node 'primary'");
            assertThat(Docker.leftovers(env.project()))
                    .as("left after: %s %s", e, Arrays.toString(e.getSuppressed())).isEmpty();
            env.close(); // a second teardown is harmless
        } finally {
            sweep(env.project());
        }
    }

    @Test
    void anImageWithoutPostgresFailsTheWaitWithTheContainersLastWords() {
        EnvironmentOptions defaults = EnvironmentOptions.defaults();
        String image = "pgdrill/debian:bookworm";
        try (DockerEngine engine = DockerEngine.connect()) {
            Assumptions.assumeTrue(engine.imageExists(image), image + " not built here");
        }
        TestcontainersEnvironment env = (TestcontainersEnvironment) Environments.factory("testcontainers",
                new EnvironmentOptions(defaults.workRoot(), defaults.osUser(), null, image)).create("no-postgres");
        try {
            EnvironmentException e = catchThrowableOfType(EnvironmentException.class,
                    () -> env.setUp(Duration.ofSeconds(60)));
            assertThat(e).isNotNull();
            assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
            assertThat(e.getMessage()).contains("starting node 'primary' failed").contains(image);
            assertThat(Docker.leftovers(env.project()))
                    .as("left after: %s %s", e, Arrays.toString(e.getSuppressed())).isEmpty();
        } finally {
            sweep(env.project());
        }
    }

    @Test
    void aSettingTheServerRefusesFailsSetUpWithItsOwnMessageAndLeavesNothingBehind() {
        TestcontainersEnvironment env = (TestcontainersEnvironment) Environments
                .factory("testcontainers", EnvironmentOptions.defaults()).create("bad-setting",
                        EnvironmentSpec.defaults().withSettings(Map.of("wal_compression", "sideways")));
        try {
            EnvironmentException e = catchThrowableOfType(EnvironmentException.class,
                    () -> env.setUp(Duration.ofSeconds(90)));
            assertThat(e).isNotNull();
            assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
            assertThat(e.getMessage()).contains("starting node 'primary' failed")
                    .contains("invalid value for parameter \"wal_compression\": \"sideways\"");
            assertThat(Docker.leftovers(env.project()))
                    .as("left after: %s %s", e, Arrays.toString(e.getSuppressed())).isEmpty();
        } finally {
            sweep(env.project());
        }
    }

    @Test
    void aMissingImageIsRefusedBeforeAnythingStarts() {
        EnvironmentOptions defaults = EnvironmentOptions.defaults();
        EnvironmentException e = catchThrowableOfType(EnvironmentException.class, () -> Environments
                .factory("testcontainers", new EnvironmentOptions(defaults.workRoot(), defaults.osUser(), null,
                        "pgdrill-no-such-image:1")));
        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(e.getMessage()).contains("pgdrill-no-such-image:1 is not on this Docker host");
    }

    private static void sweep(String project) {
        try (DockerEngine engine = DockerEngine.connect()) {
            new ProjectContainers(engine, project, "unused").sweep();
        }
    }

}
