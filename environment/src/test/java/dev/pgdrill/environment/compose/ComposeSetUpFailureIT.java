package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.container.Docker;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A set-up that fails half-way (its deadline passes while Compose starts the containers) leaves nothing behind. */
class ComposeSetUpFailureIT {
    @Test
    void setUpPastItsDeadlineFailsWithContextAndLeavesNothingBehind() {
        Docker.assumeEngine();
        ComposeEnvironment env = (ComposeEnvironment) Environments.factory("compose", EnvironmentOptions.defaults())
                .create("too-short");
        try {
            EnvironmentException e = catchThrowableOfType(EnvironmentException.class,
                    () -> env.setUp(Duration.ofSeconds(2)));
            assertThat(e).isNotNull();
            assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
            assertThat(e.getMessage()).contains(env.project());
            assertThat(Docker.leftovers(env.project())).isEmpty();
            assertThat(Files.exists(env.dir())).isFalse();
            env.close(); // a second teardown is harmless
        } finally {
            Docker.sweep(env.project());
        }
    }
}
