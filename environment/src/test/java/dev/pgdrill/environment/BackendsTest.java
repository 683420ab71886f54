package dev.pgdrill.environment;

import dev.pgdrill.engine.api.DrillException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backends are found on the class path, not listed by a front end; the default comes first. */
class BackendsTest {
    @Test
    void theThreeBackendsAreFoundInOrder() {
        assertThat(Environments.KINDS).containsExactly("local", "compose", "testcontainers");
        assertThat(Environments.backends()).extracting(b -> b.getClass().getSimpleName())
                .containsExactly("LocalBackend", "ComposeBackend", "TestcontainersBackend");
    }

    @Test
    void anUnknownKindNamesTheKnownOnes() {
        assertThatThrownBy(() -> Environments.factory("kubernetes", EnvironmentOptions.defaults()))
                .isInstanceOf(DrillException.class)
                .hasMessage("unknown environment 'kubernetes' (expected one of: local, compose, testcontainers)");
    }
}
