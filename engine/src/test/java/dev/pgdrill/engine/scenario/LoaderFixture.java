package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.testing.FixtureSteps;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Loads YAML text with the fixture step types; {@code HOME_DIR} is the only environment variable set
 * (drills may read it and {@code NO_SUCH_*}). */
final class LoaderFixture {
    static final Path FILE = Path.of("drills", "t.yaml");
    static final ScenarioLoader LOADER = new ScenarioLoader(FixtureSteps.registry(),
            name -> name.equals("HOME_DIR") ? "/home/drill" : null, EnvAllowlist.of(List.of("HOME_DIR", "NO_SUCH_*")));

    private LoaderFixture() {
    }

    static Scenario load(String yaml) {
        return load(yaml, Map.of());
    }

    static Scenario load(String yaml, Map<String, String> vars) {
        return LOADER.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8), vars);
    }

    /** The problems, each as printed: {@code drills/t.yaml:3:5: message}. */
    static List<String> problems(String yaml) {
        return problems(yaml.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> problems(byte[] content) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
                () -> LOADER.parse(FILE, content, Map.of()));
        assertThat(e).as("expected the scenario to be invalid").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID);
        return e.problems().stream().map(Problem::toString).toList();
    }

    /** The single problem of an invalid scenario. */
    static String problem(String yaml) {
        List<String> p = problems(yaml);
        assertThat(p).as("problems").hasSize(1);
        return p.get(0);
    }
}
