package dev.pgdrill.engine.step;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Byte sizes too large for the engine are "not a byte size" (a validation problem), never an exception. */
class ParamBytesTest {
    @Test
    void parsesUnitsAndRejectsSizesBeyondALong() {
        assertThat(Param.parseBytes("16kB")).isEqualTo(16_384L);
        assertThat(Param.parseBytes("500")).isEqualTo(500L);
        assertThat(Param.parseBytes("99999999999999999999")).isNull();
        assertThat(Param.parseBytes("9999999999999GB")).isNull();
    }
}
