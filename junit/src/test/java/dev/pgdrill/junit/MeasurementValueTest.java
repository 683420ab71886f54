package dev.pgdrill.junit;

import dev.pgdrill.engine.model.Measurement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a measurement reads in the report entries the engine publishes. */
class MeasurementValueTest {
    @Test
    void wholeNumbersHaveNoFractionAndSmallOnesNoExponent() {
        assertThat(JunitBridge.value(new Measurement("lag_bytes", 1520, "bytes"))).isEqualTo("1520 bytes");
        assertThat(JunitBridge.value(new Measurement("lag_seconds", 0.25, "s"))).isEqualTo("0.25 s");
        assertThat(JunitBridge.value(new Measurement("write_lag", 2.77E-4, "s"))).isEqualTo("0.000277 s");
        assertThat(JunitBridge.value(new Measurement("tiny", 1.5E-9, ""))).isEqualTo("0.0000000015");
        assertThat(JunitBridge.value(new Measurement("big", 1.5E20, "bytes"))).isEqualTo("150000000000000000000 bytes");
    }
}
