package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.PatroniSettings;
import dev.pgdrill.engine.step.StepRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The {@code environment:} block's failover-manager and patroni keys, and promote refused under a manager. */
class FailoverManagerBlockTest {
    @TempDir
    Path dir;

    private static final ScenarioLoader REAL = new ScenarioLoader(StepRegistry.load(), name -> null,
            EnvAllowlist.of(List.of()));

    private Scenario load(String environment, String steps) {
        return REAL.parse(dir.resolve("d.yaml"),
                ("environment:\n" + environment + "steps:\n" + steps).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private List<String> problems(String environment, String steps) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, () -> load(environment, steps));
        assertThat(e).as("expected the scenario to be invalid").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID);
        return e.problems().stream().map(p -> p.toString().replace(dir.toString(), "DIR")).toList();
    }

    @Test
    void withoutAManagerTheDrillPromotesAsToday() {
        EnvironmentSpec spec = LoaderFixture.load("steps:\n  - nap:\n").environmentSpec();
        assertThat(spec.failoverManager().isNone()).isTrue();
        assertThat(spec.managed()).isFalse();
        assertThat(spec.patroni()).isEqualTo(PatroniSettings.DEFAULTS);
    }

    @Test
    void readsPatroniWithItsDcsSettings() {
        EnvironmentSpec spec = load("""
                  failover-manager: patroni
                  patroni: { ttl: 20, loop-wait: 2, retry-timeout: 5, maximum-lag-on-failover: 16MB,
                             synchronous-mode: true, use-pg-rewind: false }
                """, "  - sleep: 1ms\n").environmentSpec();
        assertThat(spec.failoverManager().key()).isEqualTo("patroni");
        assertThat(spec.managed()).isTrue();
        assertThat(spec.defaultServer()).isFalse();
        assertThat(spec.patroni()).isEqualTo(new PatroniSettings(20, 2, 5, 16L * 1024 * 1024, true, false));
    }

    @Test
    void anUnknownManagerIsRefusedWithASuggestion() {
        assertThat(problems("  failover-manager: patrony\n", "  - sleep: 1ms\n")).singleElement().asString()
                .startsWith("DIR/d.yaml:2:21: unknown failover manager 'patrony'").contains("did you mean 'patroni'?")
                .contains("none, patroni");
    }

    @Test
    void badPatroniValuesAreEachReportedAtTheirPlace() {
        assertThat(problems("""
                  failover-manager: patroni
                  patroni:
                    ttl: 0
                    loop-wait: soon
                    maximum-lag-on-failover: lots
                    synchronous-mode: maybe
                    timeout: 3
                """, "  - sleep: 1ms\n")).containsExactly(
                "DIR/d.yaml:4:10: 'patroni': 'ttl' must be a whole number of seconds from 1 to 3600, found 0",
                "DIR/d.yaml:5:16: 'patroni': 'loop-wait' must be a whole number of seconds from 1 to 3600, found 'soon'",
                "DIR/d.yaml:6:30: 'patroni': 'maximum-lag-on-failover' must be bytes: a number, or one with kB, MB or GB "
                        + "(e.g. 1MB), found 'lots'",
                "DIR/d.yaml:7:23: 'patroni': 'synchronous-mode' must be true or false, found 'maybe'",
                "DIR/d.yaml:8:5: unknown key 'timeout' in 'patroni' (expected: ttl, loop-wait, retry-timeout, "
                        + "maximum-lag-on-failover, synchronous-mode, use-pg-rewind)");
    }

    @Test
    void timeoutsPatroniCannotHonourAreRefused() {
        assertThat(problems("  failover-manager: patroni\n  patroni: { ttl: 20, loop-wait: 10, retry-timeout: 10 }\n",
                "  - sleep: 1ms\n")).singleElement().asString().isEqualTo("DIR/d.yaml:3:12: 'patroni': Patroni needs "
                + "loop-wait + 2 * retry-timeout <= ttl, found 10 + 2 * 10 > 20");
    }

    @Test
    void patroniSettingsWithoutPatroniAreRefused() {
        assertThat(problems("  patroni: { ttl: 40 }\n", "  - sleep: 1ms\n")).singleElement().asString()
                .startsWith("DIR/d.yaml:2:3: 'patroni' settings apply only to a drill with 'failover-manager: patroni'");
    }

    @Test
    void promoteUnderAManagerIsRefusedNamingSwitchover() {
        assertThat(problems("  failover-manager: patroni\n", "  - promote: replica\n")).singleElement().asString()
                .startsWith("DIR/d.yaml:4:5: #1 promote: 'promote' is refused with failover-manager 'patroni'")
                .contains("switchover").contains("wait-leader");
        assertThat(load("  failover-manager: none\n", "  - promote: replica\n").environmentSpec().managed()).isFalse();
    }

    @Test
    void leaderIsARoleInOnAndNoNodeName() {
        assertThat(load("  failover-manager: patroni\n", "  - kill: { on: leader }\n  - wait-leader: { not: primary }\n")
                .steps()).hasSize(2);
        assertThat(problems("  nodes: { leader: {}, s1: { follows: leader } }\n", "  - sleep: 1ms\n"))
                .anyMatch(p -> p.contains("node name 'leader' is reserved: 'leader' in a step's 'on' names whoever "
                        + "leads at that moment"));
    }

    @Test
    void switchoverWithoutAManagerIsRefusedNamingPromote() {
        assertThat(problems("  failover-manager: none\n", "  - switchover: replica\n")).singleElement().asString()
                .startsWith("DIR/d.yaml:4:5: #1 switchover: 'switchover' asks the failover manager for a new leader, "
                        + "and this drill has none").contains("promote");
        assertThat(load("  failover-manager: patroni\n", "  - switchover: { to: replica }\n").steps()).hasSize(1);
    }

    @Test
    void linkFaultsUnderAManagerAreRefusedAtValidate() {
        assertThat(problems("  failover-manager: patroni\n", "  - partition: replica\n  - latency: { on: replica, delay: 50ms }\n"))
                .containsExactly("DIR/d.yaml:4:5: #1 partition: 'partition' is not offered with failover-manager 'patroni' "
                                + "yet: its standbys stream from the leader directly, not through a link the run can cut or "
                                + "slow; use kill, stop or pause",
                        "DIR/d.yaml:5:5: #2 latency: 'latency' is not offered with failover-manager 'patroni' yet: its "
                                + "standbys stream from the leader directly, not through a link the run can cut or slow; "
                                + "use kill, stop or pause");
    }
}
