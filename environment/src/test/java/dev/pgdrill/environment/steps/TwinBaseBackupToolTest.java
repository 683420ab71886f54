package dev.pgdrill.environment.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.scenario.InvalidScenarioException;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.scenario.ScenarioLoader;
import dev.pgdrill.engine.scenario.SchemaGenerator;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.environment.common.BackendTool;
import dev.pgdrill.environment.common.PgBackRestTool;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A backup tool defined only in test code ({@link TwinBaseBackupTool}, one line in the test services file) is
 * found like the built-in ones: the loader accepts its key and suggests it for a near miss, the schema lists it,
 * its declared backup types are checked at load, and a backend without a tool host offers it (it needs none).
 */
class TwinBaseBackupToolTest {
    private static final StepRegistry STEPS = StepRegistry.load();
    private static final ScenarioLoader LOADER = new ScenarioLoader(STEPS);
    private static final Path FILE = Path.of("drills", "twin.yaml");

    private static Scenario load(String yaml) {
        return LOADER.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static List<String> problems(String yaml) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, () -> load(yaml));
        assertThat(e).as("expected the scenario to be invalid").isNotNull();
        return e.problems().stream().map(Object::toString).toList();
    }

    @Test
    void theLoaderAcceptsTheTestOnlyToolByItsKey() {
        Scenario s = load("environment:\n  backup-tool: twin-basebackup\nsteps:\n  - backup: { name: base }\n");
        assertThat(s.environmentSpec().backupTool()).isInstanceOf(TwinBaseBackupTool.class);
        assertThat(s.environmentSpec().backupTool().key()).isEqualTo(TwinBaseBackupTool.KEY);
        assertThat(BackupTool.keys()).containsExactly("pg_basebackup", "pgbackrest", "twin-basebackup");
    }

    @Test
    void aNearMissSuggestsItAndTheMessageListsEveryToolFound() {
        assertThat(problems("environment:\n  backup-tool: twin-basebakup\nsteps:\n  - backup: { name: base }\n"))
                .containsExactly("drills/twin.yaml:2:16: unknown backup tool 'twin-basebakup' (did you mean "
                        + "'twin-basebackup'?) (expected one of: pg_basebackup, pgbackrest, twin-basebackup)");
    }

    @Test
    void itsDeclaredBackupTypesAreCheckedAtLoadWithAToolThatTakesTheTypeSuggested() {
        assertThat(problems("environment:\n  backup-tool: twin-basebackup\nsteps:\n"
                + "  - backup: { name: base, type: diff }\n"))
                .anyMatch(p -> p.contains("backup type 'diff' is not offered by backup tool 'twin-basebackup', which "
                        + "takes only full backups: use type: full, or choose a tool with diff backups (environment: { "
                        + "backup-tool: pgbackrest } or --backup-tool pgbackrest)"));
        assertThat(problems("environment:\n  backup-tool: twin-basebackup\nsteps:\n  - expire-backups: { retain-full: 1 }\n"))
                .anyMatch(p -> p.contains("backup tool 'twin-basebackup' keeps no retention of its own to expire "
                        + "backups with: choose environment: { backup-tool: pgbackrest } or --backup-tool pgbackrest"));
    }

    @Test
    void theSchemaListsEveryToolFound() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(SchemaGenerator.generate(STEPS));
        List<String> tools = new ArrayList<>();
        schema.at("/properties/environment/properties/backup-tool/enum").forEach(t -> tools.add(t.asText()));
        assertThat(tools).containsExactly("pg_basebackup", "pgbackrest", "twin-basebackup");
    }

    @Test
    void aBackendWithoutAToolHostOffersItButNotAToolThatMustBeInstalled() {
        BackupTool twin = BackupTool.of(TwinBaseBackupTool.KEY).orElseThrow();
        assertThat(BackendTool.offered(twin, null)).isTrue();
        assertThat(BackendTool.offered(BackupTool.of(PgBackRestTool.KEY).orElseThrow(), null)).isFalse();
        assertThat(BackendTool.offered(BackupTool.of(PgBackRestTool.KEY).orElseThrow(), probe -> false)).isFalse();
        assertThat(BackendTool.offered(BackupTool.of(PgBackRestTool.KEY).orElseThrow(),
                probe -> probe.equals(List.of("pgbackrest", "version")))).isTrue();
    }
}
