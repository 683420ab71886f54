package dev.pgdrill.engine.step;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamBinderTest {
    enum Mode { FAST, NOT_STARTED }

    record Sample(@StepParam(value = "node", required = true, shorthand = true, type = ParamType.NODE) String on,
                  @StepParam(value = "how fast", dflt = "fast") Mode mode,
                  @StepParam(value = "rate", dflt = "20") double rate,
                  @StepParam(value = "wait", name = "for", dflt = "2s") Duration waitFor,
                  @StepParam(value = "bound", type = ParamType.BYTES) Long maxBytes,
                  @StepParam(value = "db", shown = "the drill database") String database) {
        Sample {
            ParamProblem.require(rate > 0, "rate", "'rate' must be positive, found " + rate);
        }
    }

    private final ParamBinder<Sample> binder = new ParamBinder<>(Sample.class);

    @Test
    void oneDeclarationGivesNamesKindsDefaultsAndShorthand() {
        assertThat(binder.params()).extracting(Param::name)
                .containsExactly("on", "mode", "rate", "for", "max-bytes", "database");
        assertThat(binder.params()).extracting(Param::type).containsExactly(ParamType.NODE, ParamType.ENUM,
                ParamType.NUMBER, ParamType.DURATION, ParamType.BYTES, ParamType.STRING);
        assertThat(binder.params().get(1).allowed()).containsExactly("fast", "not-started");
        assertThat(binder.params()).extracting(Param::defaultValue)
                .containsExactly(null, "fast", "20", "2s", null, "the drill database");
        assertThat(binder.shorthand()).isEqualTo("on");
    }

    @Test
    void bindsWrittenValuesAndFillsDefaults() {
        assertThat(binder.bind(Map.of("on", "replica", "mode", "not-started", "max-bytes", "16kB")))
                .isEqualTo(new Sample("replica", Mode.NOT_STARTED, 20, Duration.ofSeconds(2), 16384L, null));
    }

    @Test
    void theRecordsRuleAndTheTypesFailNamingTheParameter() {
        assertThatThrownBy(() -> binder.bind(Map.of("on", "p", "rate", 0L))).isInstanceOf(ParamProblem.class)
                .hasMessage("'rate' must be positive, found 0.0")
                .satisfies(e -> assertThat(((ParamProblem) e).param()).isEqualTo("rate"));
        assertThatThrownBy(() -> binder.bind(Map.of("on", "p", "for", "soon")))
                .hasMessageContaining("parameter 'for': expected a duration");
        assertThatThrownBy(() -> binder.bind(Map.of("on", "p", "mode", "slow")))
                .hasMessage("parameter 'mode': expected one of fast, not-started, found 'slow'");
        assertThatThrownBy(() -> binder.bind(Map.of())).hasMessage("parameter 'on' is required");
    }

    record Undeclared(String on) {
    }

    @Test
    void aComponentWithoutDeclarationIsRefused() {
        assertThatThrownBy(() -> new ParamBinder<>(Undeclared.class)).hasMessageContaining("lacks @StepParam");
    }
}
