package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.common.EnvironmentContract;
import dev.pgdrill.environment.container.Docker;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@link EnvironmentContract} on the Compose backend (containers of a per-run Compose project). */
class ComposeEnvironmentContractIT extends EnvironmentContract {
    @Override
    protected Environment create(String runName) {
        Docker.assumeEngine();
        return Environments.factory("compose", EnvironmentOptions.defaults()).create(runName);
    }

    @Override
    protected Duration setUpTimeout() {
        return Duration.ofMinutes(3);
    }

    @Override
    protected List<String> leftovers(Environment closed) {
        ComposeEnvironment compose = (ComposeEnvironment) closed;
        List<String> left = new ArrayList<>(Docker.leftovers(compose.project()));
        if (Files.exists(compose.dir())) {
            left.add("project directory " + compose.dir());
        }
        return left;
    }

    @Override
    protected void sweep(Environment closed) {
        Docker.sweep(((ComposeEnvironment) closed).project());
    }
}
