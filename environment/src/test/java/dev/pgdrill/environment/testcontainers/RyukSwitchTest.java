package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.engine.env.EnvironmentException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whether Ryuk runs: the environment variable, then the property, then whether its image is on the host. */
class RyukSwitchTest {
    @Test
    void withoutSettingsRyukRunsExactlyWhenItsImageIsThere() {
        assertThat(RyukSwitch.wanted(null, null, () -> true)).isTrue();
        assertThat(RyukSwitch.wanted(null, null, () -> false)).isFalse();
    }

    @Test
    void theEnvironmentVariableWinsOverEverything() {
        assertThat(RyukSwitch.wanted("true", "on", () -> true)).isFalse();
        assertThat(RyukSwitch.wanted("false", "off", () -> false)).isTrue();
    }

    @Test
    void thePropertySwitchesItWhateverTheImage() {
        assertThat(RyukSwitch.wanted(null, "off", () -> true)).isFalse();
        assertThat(RyukSwitch.wanted("", "on", () -> false)).isTrue();
        assertThatThrownBy(() -> RyukSwitch.wanted(null, "maybe", () -> true))
                .isInstanceOf(EnvironmentException.class).hasMessageContaining("pgdrill.testcontainers.ryuk=maybe");
    }

    @Test
    void theImageLookedForIsTestcontainersOwnRyuk() {
        assertThat(RyukSwitch.ryukImage()).startsWith("testcontainers/ryuk:");
    }
}
