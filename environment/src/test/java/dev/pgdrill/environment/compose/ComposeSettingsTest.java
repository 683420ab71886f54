package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.PgVersion;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;
import dev.pgdrill.engine.env.Topology;
import dev.pgdrill.environment.common.ArchiveRecovery;
import dev.pgdrill.environment.common.BackupCatalog;
import dev.pgdrill.environment.common.FreePorts;
import dev.pgdrill.environment.container.NodeImages;
import dev.pgdrill.environment.container.RecoverySettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComposeSettingsTest {
    @Test
    void aDrillStatingAVersionRunsThatVersionsImageWhateverPostgresImageSays() {
        EnvironmentSpec none = EnvironmentSpec.defaults();
        assertThat(ComposeEnvironmentFactory.imageOf("postgres:17", none)).isEqualTo("postgres:17");
        assertThat(ComposeEnvironmentFactory.imageOf("postgres:17", none.withPostgres(new PgVersion(false, 15))))
                .isEqualTo("postgres:15");
        assertThat(ComposeEnvironmentFactory.imageOf("postgres:15", none.withPostgres(new PgVersion(true, 16))))
                .isEqualTo("postgres:17");
    }

    @Test
    void projectNameKeepsOnlyCharactersComposeAccepts() {
        assertThat(ComposeSettings.projectName("Failover: Data Loss!", "0a1b2c")).isEqualTo("pgdrill-failover-data-loss-0a1b2c");
        assertThat(ComposeSettings.projectName("", "abcdef")).isEqualTo("pgdrill-run-abcdef");
        assertThat(ComposeSettings.projectName("x".repeat(80), "abcdef")).hasSize("pgdrill-".length() + 30 + 7);
    }

    @Test
    void eachRunGetsItsOwnProjectPortsAndPassword() {
        ComposeSettings a = ComposeSettings.forRun("pitr", Path.of("/tmp"), null);
        ComposeSettings b = ComposeSettings.forRun("pitr", Path.of("/tmp"), null);
        try {
            assertThat(a.project()).startsWith("pgdrill-pitr-").isNotEqualTo(b.project());
            assertThat(a.image()).isEqualTo("postgres:15");
            assertThat(a.replicaImage()).isEqualTo("pgdrill-replica:15");
            assertThat(a.password()).hasSize(24).isNotEqualTo(b.password());
            assertThat(a.ports()).doesNotContainAnyElementsOf(b.ports());
            assertThat(a.composeEnv()).containsEntry("PRIMARY_HOST_PORT", Integer.toString(a.primaryPort()))
                    .containsEntry("COMPOSE_PROJECT_NAME", a.project()).containsEntry("POSTGRES_PASSWORD", a.password());
            assertThat(a.toString()).doesNotContain(a.password());
        } finally {
            a.ports().forEach(FreePorts::release);
            b.ports().forEach(FreePorts::release);
        }
    }

    @Test
    void replicaImageTagFollowsACustomImage() {
        assertThat(ComposeSettings.replicaImageFor("registry.local/pg:15.8")).isEqualTo("pgdrill-replica:registry.local-pg-15.8");
        assertThat(ComposeSettings.replicaImageFor("postgres:15")).isEqualTo("pgdrill-replica:15");
        assertThat(ComposeSettings.replicaImageFor(NodeImages.imageFor(17))).isEqualTo("pgdrill-replica:17");
    }

    @Test
    void restoreSettingsCarryTargetActionAndQuoting() {
        String s = forRestore(new RecoveryTarget(RecoveryTarget.Kind.NAME, "before 'oops'", true), null);
        assertThat(s).contains("recovery_target_name = 'before ''oops'''")
                .contains("recovery_target_action = 'promote'")
                .contains("restore_command = 'test -f /var/lib/postgresql/wal-archive/%f && cp")
                .doesNotContain("recovery_target_inclusive");
        String t = forRestore(new RecoveryTarget(RecoveryTarget.Kind.TIME, "2026-01-01 10:00:00+00", false),
                RestoreAction.PAUSE);
        assertThat(t).contains("recovery_target_time = '2026-01-01 10:00:00+00'", "recovery_target_inclusive = 'false'",
                "recovery_target_action = 'pause'");
        assertThat(forRestore(RecoveryTarget.latest(), RestoreAction.PROMOTE)).doesNotContain("recovery_target_action");
    }

    /** What a restore on this backend writes: the shared archive-recovery settings with its restore command. */
    private static String forRestore(RecoveryTarget target, RestoreAction action) {
        Map<String, String> settings = new LinkedHashMap<>();
        ArchiveRecovery.put(settings, RecoverySettings.RESTORE_COMMAND, target, action);
        return RecoverySettings.lines(settings);
    }

    @Test
    void standbySettingsReachTheUpstreamByItsReplicationAlias() {
        String s = RecoverySettings.forStandby("new-primary", Topology.NodeDecl.standby("new-replica", "new-primary"),
                "new_replica_slot", "p'w\\d", RecoverySettings.RESTORE_COMMAND);
        assertThat(s).contains("host=repl-new-primary port=5432 user=admin password=''p\\''w\\\\d'' application_name=new-replica")
                .contains("primary_slot_name = 'new_replica_slot'")
                .contains("restore_command = '" + RecoverySettings.RESTORE_COMMAND.replace("'", "''") + "'")
                .contains("archive_mode = 'on'");
        String streamsOnly = RecoverySettings.forStandby("primary", Topology.NodeDecl.standby("s3", "primary")
                .withOptions(false, Topology.ArchiveMode.ALWAYS, null), "s3_slot", "pw", RecoverySettings.RESTORE_COMMAND);
        assertThat(streamsOnly).contains("restore_command = ''").contains("archive_mode = 'always'");
    }

    @Test
    void backupLabelAndManifestAreParsed() {
        String out = "START WAL LOCATION: 0/2000028 (file 000000010000000000000002)\nSTART TIMELINE: 3\n"
                + "\"End-LSN\": \"0/2000100\"\n";
        assertThat(BackupCatalog.startLsn(out)).isEqualTo("0/2000028");
        assertThat(BackupCatalog.startTimeline(out)).isEqualTo(3);
        assertThat(BackupCatalog.endLsn(out)).isEqualTo("0/2000100");
    }

    @Test
    void latestRestoreUsesTheNewestBaseBackupNotANaiveCopy() {
        BackupCatalog catalog = new BackupCatalog();
        assertThatThrownBy(() -> catalog.resolve(null)).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("no base backup");
        catalog.register(new BackupInfo("a", "primary", "0/1", "0/2", OffsetDateTime.now(), false, 1));
        catalog.register(new BackupInfo("copy", "primary", null, null, OffsetDateTime.now(), true, 0));
        assertThat(catalog.resolve(null).name()).isEqualTo("a");
        assertThatThrownBy(() -> catalog.reserve("a", n -> false)).hasMessageContaining("already exists");
        assertThatThrownBy(() -> catalog.reserve("../etc", n -> false)).hasMessageContaining("invalid backup name");
        assertThatThrownBy(() -> catalog.resolve("nope")).hasMessageContaining("taken so far: a, copy");
    }

    @Test
    void theFirstPrimaryMustBeTheComposeFilesPrimaryAndStandbysMayBeAny() {
        assertThat(ComposeSettings.topologyRefusal(Topology.DEFAULT)).isNull();
        Topology cascade = new Topology(List.of(Topology.NodeDecl.primary("primary"),
                Topology.NodeDecl.standby("replica", "primary"), Topology.NodeDecl.standby("s2", "replica")));
        assertThat(ComposeSettings.topologyRefusal(cascade)).isNull();
        assertThat(ComposeSettings.topologyRefusal(new Topology(List.of(Topology.NodeDecl.primary("main"),
                Topology.NodeDecl.standby("s1", "main"))))).isEqualTo("the Compose environment's primary is its "
                + "file's service 'primary' (it holds the drill's database, seed and settings), and there is one: this "
                + "drill declares primary 'main': name it 'primary'");
        assertThat(ComposeSettings.topologyRefusal(new Topology(List.of(Topology.NodeDecl.primary("primary"),
                Topology.NodeDecl.primary("other"))))).endsWith("this drill declares primaries primary, other: run it "
                + "with --env local or --env testcontainers");
        assertThat(ComposeSettings.isFileReplica(Topology.NodeDecl.standby("replica", "primary"))).isTrue();
        assertThat(ComposeSettings.isFileReplica(Topology.NodeDecl.standby("replica", "s1"))).isFalse();
        assertThat(ComposeSettings.isFileReplica(Topology.NodeDecl.standby("replica", "primary")
                .withOptions(false, Topology.ArchiveMode.ON, null))).isFalse();
        ComposeSettings settings = ComposeSettings.forRun("x", Path.of("/tmp"), null);
        try {
            assertThat(settings.portOf("replica")).isEqualTo(settings.replicaPort());
            assertThatThrownBy(() -> settings.portOf("s2")).isInstanceOf(EnvironmentException.class)
                    .hasMessage("the Compose file has no service 's2' (services: primary, replica follows primary)");
        } finally {
            settings.ports().forEach(FreePorts::release);
        }
    }
}
