package dev.pgdrill.environment.compose;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;
import dev.pgdrill.engine.env.RestoreRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Links planted in a node's data directory or in a backup stay links and are never followed by root. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeLinksIT {
    private static final String DATA = "/var/lib/postgresql/data";
    private static final String BACKUPS = "/var/lib/postgresql/backups";
    private static ComposeEnvironment env;
    private static Node primary;

    @BeforeAll
    static void setUp() {
        env = ComposeRuns.up("links-it");
        primary = env.node("primary").orElseThrow();
        sh(primary, "ln -s /etc/shadow " + DATA + "/x && mkfifo " + DATA + "/pipe && ln -s " + DATA + "/pipe "
                + DATA + "/pipe-link");
    }

    @AfterAll
    static void tearDown() {
        ComposeRuns.down(env);
    }

    @Test
    @Order(1)
    void naiveCopyKeepsLinksAsLinksAndPipesAsPipes() {
        env.naiveCopy("primary", "plain");
        assertThat(sh(primary, "stat -c '%F' " + BACKUPS + "/plain/x " + BACKUPS + "/plain/pipe-link "
                + BACKUPS + "/plain/pipe; readlink " + BACKUPS + "/plain/x"))
                .isEqualTo("symbolic link\nsymbolic link\nfifo\n/etc/shadow\n");
    }

    @Test
    @Order(2)
    void restoreOfACopyKeepsLinksAsLinksAndLeavesTheirTargetsAlone() {
        String before = sh(primary, "stat -c '%U:%G %a' /etc/shadow");
        Node restored = env.restore(new RestoreRequest("restored", "plain", RecoveryTarget.latest(), RestoreAction.PROMOTE));
        assertThat(sh(restored, "stat -c '%F %U' " + DATA + "/x; readlink " + DATA + "/x"))
                .isEqualTo("symbolic link postgres\n/etc/shadow\n");
        assertThat(sh(restored, "stat -c '%U:%G %a' /etc/shadow")).as("the link's target").isEqualTo(before);
    }

    @Test
    @Order(3)
    void restoreRefusesToEditAConfigurationFileThatIsALink() {
        env.backup("primary", "base");
        sh(primary, "rm " + BACKUPS + "/base/postgresql.auto.conf && ln -s /etc/passwd "
                + BACKUPS + "/base/postgresql.auto.conf");
        String before = sh(primary, "stat -c '%U:%G %a %s' /etc/passwd");
        assertThatThrownBy(() -> env.restore(new RestoreRequest("tricked", "base", RecoveryTarget.latest(), RestoreAction.PROMOTE)))
                .isInstanceOf(EnvironmentException.class).hasMessageContaining("symbolic link");
        assertThat(sh(primary, "stat -c '%U:%G %a %s' /etc/passwd")).isEqualTo(before);
    }

    private static String sh(Node node, String script) {
        ExecResult r = node.exec(List.of("bash", "-c", script), Map.of(), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(script + "\n" + r.stdout() + r.stderr()).isZero();
        return r.stdout();
    }
}
