package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.env.BackupSource;
import dev.pgdrill.engine.env.EnvironmentSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code environment: source:} and {@code objectives:}: what a drill on backups from outside reads, and every mistake at its position. */
class SourceBlockTest {
    @Test
    void readsABaseBackupSourceWithItsPathsFromVarsAndItsObjectives() {
        EnvironmentSpec spec = LoaderFixture.load("""
                vars: { base: /srv/base, wal: /srv/wal }
                environment:
                  source:
                    basebackup: { dir: "${vars.base}", wal: "${vars.wal}" }
                  objectives: { rto: 15m, max-backup-age: 26h, max-wal-age: 10m }
                steps:
                  - nap:
                """, Map.of("base", "/backups/nightly")).environmentSpec();
        BackupSource s = spec.source();
        assertThat(s.kind()).isEqualTo(BackupSource.Kind.BASEBACKUP);
        assertThat(s.dir()).isEqualTo(Path.of("/backups/nightly"));
        assertThat(s.wal()).isEqualTo(Path.of("/srv/wal"));
        assertThat(s.user()).isEqualTo("postgres");
        assertThat(s.objectives()).isEqualTo(new BackupSource.Objectives(Duration.ofMinutes(15), Duration.ofHours(26),
                Duration.ofMinutes(10)));
        assertThat(spec.database()).as("a source's default database").isEqualTo("postgres");
        assertThat(spec.initialNodes()).as("a source starts no node").isEmpty();
        assertThat(spec.defaultServer()).isFalse();
    }

    @Test
    void readsAPgBackRestSourceWithItsUserAndDatabase() {
        EnvironmentSpec spec = LoaderFixture.load("""
                environment:
                  database: shop
                  source:
                    pgbackrest: { config: /etc/pgbackrest/pgbackrest.conf, stanza: main }
                    user: dba
                steps:
                  - nap:
                """).environmentSpec();
        assertThat(spec.source().kind()).isEqualTo(BackupSource.Kind.PGBACKREST);
        assertThat(spec.source().config()).isEqualTo(Path.of("/etc/pgbackrest/pgbackrest.conf"));
        assertThat(spec.source().stanza()).isEqualTo("main");
        assertThat(spec.source().user()).isEqualTo("dba");
        assertThat(spec.source().objectives().isEmpty()).isTrue();
        assertThat(spec.database()).isEqualTo("shop");
    }

    @Test
    void stepsOnADrillWithASourceMayNameOnlyNodesItsRestoresCreate() {
        assertThat(LoaderFixture.problems("""
                environment:
                  source: { basebackup: { dir: /b, wal: /w } }
                steps:
                  - echo: { text: hi, on: primary }
                """)).singleElement().asString().startsWith("drills/t.yaml:4:").contains("no node 'primary'");
    }

    @Test
    void aMissingValueIsReportedAtItsBlock() {
        assertThat(LoaderFixture.problems("""
                environment:
                  source:
                    basebackup: { dir: /b }
                steps:
                  - nap:
                """)).containsExactly("drills/t.yaml:3:17: 'basebackup' needs 'wal' (the WAL archive directory)");
    }

    @Test
    void aPathAShellWouldReadIsRefusedAtItsValue() {
        assertThat(LoaderFixture.problems("""
                vars: { wal: "/w'; rm -rf /tmp/x; '" }
                environment:
                  source:
                    basebackup: { dir: backups/base, wal: "${vars.wal}" }
                steps:
                  - nap:
                """)).containsExactly(
                "drills/t.yaml:4:24: 'dir' (the pg_basebackup directory (plain, or tar with -Ft)) must be an absolute "
                        + "path of letters, digits and . _ / @ + = , : - only (it reaches restore_command, a shell "
                        + "command), found 'backups/base'",
                "drills/t.yaml:4:43: 'wal' (the WAL archive directory) must be an absolute path of letters, digits "
                        + "and . _ / @ + = , : - only (it reaches restore_command, a shell command), found "
                        + "'/w'; rm -rf /tmp/x; ''");
    }

    @Test
    void bothToolsOrNeitherAndUnknownKeysAreProblems() {
        assertThat(LoaderFixture.problems("""
                environment:
                  source:
                    basebackup: { dir: /b, wal: /w }
                    pgbackrest: { config: /c, stanza: main }
                steps:
                  - nap:
                """)).singleElement().asString().startsWith("drills/t.yaml:4:5: 'source' needs exactly one of");
        assertThat(LoaderFixture.problems("""
                environment:
                  source:
                    pgbackrest: { config: /c, stanza: main, repo: 2 }
                steps:
                  - nap:
                """)).containsExactly("drills/t.yaml:3:45: unknown key 'repo' in 'pgbackrest' (expected: config, stanza)");
    }

    @Test
    void objectivesNeedASourceAndValidDurations() {
        assertThat(LoaderFixture.problems("""
                environment:
                  objectives: { rto: 15m }
                steps:
                  - nap:
                """)).singleElement().asString().startsWith("drills/t.yaml:2:3: 'objectives' are checked by a restore "
                + "from a 'source'");
        assertThat(LoaderFixture.problems("""
                environment:
                  source: { pgbackrest: { config: /c, stanza: main } }
                  objectives: { rto: soon, max-wal-age: 0s }
                steps:
                  - nap:
                """)).containsExactly(
                "drills/t.yaml:3:22: 'rto' must be a duration above zero such as 90s, 15m or 26h, found 'soon'",
                "drills/t.yaml:3:41: 'max-wal-age' must be a duration above zero such as 90s, 15m or 26h, found '0s'");
    }

    @Test
    void nodesAndABackupToolDoNotGoWithASource() {
        assertThat(LoaderFixture.problems("""
                environment:
                  backup-tool: pgbackrest
                  nodes: { primary: {} }
                  source: { pgbackrest: { config: /c, stanza: main } }
                steps:
                  - nap:
                """)).hasSize(2).allSatisfy(p -> assertThat(p).contains("does not go with 'source'"))
                .anySatisfy(p -> assertThat(p).startsWith("drills/t.yaml:2:3: 'backup-tool'"))
                .anySatisfy(p -> assertThat(p).startsWith("drills/t.yaml:3:3: 'nodes'"));
    }
}
