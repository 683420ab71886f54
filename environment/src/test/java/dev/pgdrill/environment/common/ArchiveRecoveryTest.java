package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveRecoveryTest {
    @Test
    void isoTimeTargetIsWrittenWithMicrosecondsForBothBackends() {
        Map<String, String> s = new LinkedHashMap<>();
        ArchiveRecovery.put(s, "cp %p %f", new RecoveryTarget(RecoveryTarget.Kind.TIME,
                "2026-11-26T13:06:31.201316789Z", false), null);
        assertThat(s).containsEntry("recovery_target_time", "2026-11-26 13:06:31.201316+00:00")
                .containsEntry("recovery_target_action", "promote")
                .containsEntry("recovery_target_inclusive", "false");
    }

    @Test
    void postgresStyleTimeIsPassedOnUnchanged() {
        Map<String, String> s = new LinkedHashMap<>();
        ArchiveRecovery.put(s, "cp %p %f", new RecoveryTarget(RecoveryTarget.Kind.TIME,
                "2026-11-26 13:06:31.201316+00", true), RestoreAction.PAUSE);
        assertThat(s).containsEntry("recovery_target_time", "2026-11-26 13:06:31.201316+00")
                .containsEntry("recovery_target_action", "pause");
    }

    @Test
    void latestTargetWritesNoTargetSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        ArchiveRecovery.put(s, "cp %p %f", RecoveryTarget.latest(), null);
        assertThat(s).containsOnlyKeys("restore_command", "recovery_target_timeline");
    }

    @Test
    void theTargetsTimelineIsTheOneRecoveryFollows() {
        for (String timeline : new String[] {"current", "latest", "3"}) {
            Map<String, String> s = new LinkedHashMap<>();
            ArchiveRecovery.put(s, "cp %p %f", new RecoveryTarget(RecoveryTarget.Kind.NAME, "x", true, timeline), null);
            assertThat(s).containsEntry("recovery_target_timeline", timeline);
        }
    }
}
