package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.step.StepFailure;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetsTest {
    @Test
    void refusesATimeWithoutTimezoneOffset() {
        assertThat(Targets.problems(Map.of("time", "2026-11-26 12:34:56")))
                .singleElement().asString().contains("has no timezone offset");
        assertThat(Targets.problems(Map.of("time", "2026-11-26 12:34:56.789012+00"))).isEmpty();
        assertThat(Targets.problems(Map.of("time", "2026-11-26T12:34:56+05:30"))).isEmpty();
        assertThat(Targets.problems(Map.of("time", "2026-11-26 12:34:56 UTC"))).isEmpty();
        assertThat(Targets.problems(Map.of("time", "2026-11-26 12:34:56Z"))).isEmpty();
    }

    @Test
    void acceptsReferencesThatAreOnlyKnownAtRunTime() {
        assertThat(Targets.problems(Map.of("time", "${steps.before.time}"))).isEmpty();
    }

    @Test
    void needsExactlyOneKnownKind() {
        assertThat(Targets.problems(Map.of())).singleElement().asString().contains("exactly one of");
        assertThat(Targets.problems(Map.of("time", "2026-01-01 00:00:00+00", "name", "x")))
                .anySatisfy(p -> assertThat(p).contains("found"));
        assertThat(Targets.problems(Map.of("when", "now"))).singleElement().asString().contains("unknown target kind 'when'");
        assertThat(Targets.problems(Map.of("lsn", "3000148"))).singleElement().asString().contains("not a WAL position");
        assertThat(Targets.problems(Map.of("xid", "abc"))).singleElement().asString().contains("not a transaction id");
        assertThat(Targets.problems(Map.of("immediate", false))).singleElement().asString().contains("takes 'true'");
    }

    @Test
    void buildsTheRecoveryTargetPostgresqlIsGiven() {
        RecoveryTarget t = Targets.of(Map.of("time", "2026-11-26 12:34:56+00"), false);
        assertThat(t.settingName()).isEqualTo("recovery_target_time");
        assertThat(t.settingValue()).isEqualTo("2026-11-26 12:34:56+00");
        assertThat(t.inclusive()).isFalse();
        assertThat(Targets.of(Map.of("immediate", true), true).settingValue()).isEqualTo("immediate");
        assertThat(Targets.of(Map.of("latest", "true"), true).kind()).isEqualTo(RecoveryTarget.Kind.LATEST);
        assertThatThrownBy(() -> Targets.of(Map.of("time", "12:00"), true)).isInstanceOf(StepFailure.class)
                .hasMessageContaining("no timezone offset");
    }
}
