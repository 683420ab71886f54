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
    void recoversAlongTheBackupsTimelineUnlessTheTargetNamesAnother() {
        assertThat(Targets.of(Map.of("time", "2026-01-01 00:00:00+00"), true).timeline()).isEqualTo("current");
        assertThat(Targets.of(Map.of("name", "x", "timeline", "latest"), true).timeline()).isEqualTo("latest");
        assertThat(Targets.of(Map.of("xid", "7", "timeline", 2L), true).timelineId()).isEqualTo(2);
        assertThat(Targets.of(Map.of("timeline", "latest"), true))
                .extracting(RecoveryTarget::kind, RecoveryTarget::timeline).containsExactly(RecoveryTarget.Kind.LATEST, "latest");
        assertThat(Targets.problems(Map.of("lsn", "0/3000000", "timeline", "newest"))).singleElement().asString()
                .contains("timeline 'newest' is not current, latest or a timeline id");
        assertThat(Targets.problems(Map.of("lsn", "0/3000000", "timeline", 0L))).hasSize(1);
        assertThat(Targets.problems(Map.of("lsn", "0/3000000", "timeline", "${vars.tl}"))).isEmpty();
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
