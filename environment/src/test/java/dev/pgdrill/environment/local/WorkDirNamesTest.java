package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.Names;
import dev.pgdrill.environment.common.BackupCatalog;
import dev.pgdrill.environment.common.NodeTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The environment's own check of node and backup names, before a name becomes a path (local), a
 * container or a volume (Compose): the second line behind validation, for names that reach it at
 * run time (step outputs) or from callers other than the CLI.
 */
class WorkDirNamesTest {
    @Test
    void everyEntryOfTheWorkDirectoryIsAReservedName() {
        RunContext run = new RunContext(Path.of("/w"), null, null, null, null, null, null);
        List<String> used = Stream.of(run.archive(), run.backups(), run.logs(), run.sock(), run.passfile())
                .map(p -> p.getFileName().toString()).toList();
        assertThat(Names.RESERVED).containsAll(used).containsAll(WorkDir.SUBDIRS);
        assertThat(Stream.of(run.archive(), run.backups(), run.logs(), run.sock(), run.passfile()).map(Path::getParent))
                .containsOnly(Path.of("/w"));
    }

    @Test
    void aNodeNamedLikeAnEntryOfTheWorkDirectoryIsRefused() {
        for (String reserved : Names.RESERVED) {
            assertThatThrownBy(() -> NodeTable.checkName(reserved)).as(reserved).isInstanceOf(EnvironmentException.class)
                    .hasMessage("node name '" + reserved + "' is reserved: a run keeps archive, backups, logs, sock, "
                            + "pgpass, pgbackrest, patroni for itself; choose another, e.g. '" + reserved + "-node'");
        }
    }

    @Test
    void aNodeNameThatIsNotSafeIsRefusedWithASuggestion() {
        assertThatThrownBy(() -> NodeTable.checkName("../x")).isInstanceOf(EnvironmentException.class)
                .hasMessage("invalid node name '../x': use a lower-case letter, then up to 30 lower-case letters, digits, "
                        + "'_' or '-', e.g. 'x'");
        assertThatThrownBy(() -> NodeTable.checkName("a/b")).hasMessageEndingWith("e.g. 'a-b'");
        assertThatThrownBy(() -> NodeTable.checkName("PRIMARY ")).hasMessageEndingWith("e.g. 'primary'");
        assertThatThrownBy(() -> NodeTable.checkName("")).hasMessageEndingWith("e.g. 'node-1'");
        assertThatThrownBy(() -> NodeTable.checkName("n".repeat(32))).hasMessageContaining("invalid node name");
        assertThatThrownBy(() -> NodeTable.checkName(null)).hasMessageContaining("invalid node name 'null'");
        NodeTable.checkName("from_backup");
        NodeTable.checkName("new-replica");
        NodeTable.checkName("n".repeat(31));
    }

    @Test
    void aBackupNameThatIsNotSafeIsRefusedBeforeItBecomesADirectory() {
        BackupCatalog catalog = new BackupCatalog();
        for (String bad : List.of("..", ".", "../etc", "/etc", "a/b", ".hidden", "Base", "")) {
            assertThatThrownBy(() -> catalog.reserve(bad, n -> false)).as(bad).isInstanceOf(EnvironmentException.class)
                    .hasMessageStartingWith("invalid backup name '" + bad + "': use a lower-case letter");
        }
        catalog.reserve("nightly_1", n -> false);
        catalog.reserve("pgpass", n -> false); // a backup is a directory of backups/, not of the work directory
    }
}
