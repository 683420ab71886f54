package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.testing.FixtureSteps;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {
    private static final ScenarioLoader LOADER = new ScenarioLoader(FixtureSteps.registry(),
            name -> name.equals("API_TOKEN") ? "tok-from-env" : name.equals("HOME_DIR") ? "/home/drill" : null,
            EnvAllowlist.of(List.of("API_TOKEN", "HOME_DIR")));

    private static Scenario load(String yaml, Map<String, String> vars, Set<String> marked) {
        return LOADER.parse(LoaderFixture.FILE, yaml.getBytes(StandardCharsets.UTF_8), vars, marked);
    }

    @Test
    void masksVariablesWhoseNameSaysSecretMarkedOnesAndSecretEnvironmentValues() {
        Scenario s = load("""
                vars: {db_password: pw-value, apiToken: tk-value, plain: visible, listed: listed-value,
                       home: '${env.HOME_DIR}', dir: '${env.HOME_DIR}'}
                secrets: [listed, dir]
                steps:
                  - echo: "${env.API_TOKEN}"
                """, Map.of("cli", "cli-value"), Set.of("cli"));
        String text = "pw-value tk-value visible listed-value cli-value tok-from-env";
        assertThat(s.secrets().mask(text)).isEqualTo("******** ******** visible ******** ******** ********");
        assertThat(s.secrets().mask("/home/drill")).as("env value a secret variable refers to").isEqualTo("********");
    }

    @Test
    void aSecretsNameThatIsNoVariableIsAnErrorAtItsPosition() {
        assertThat(LoaderFixture.problem("""
                vars: {db_pass: x}
                secrets: [db_pass, db_pas]
                steps:
                  - nap:
                """)).isEqualTo("drills/t.yaml:2:20: 'secrets': 'db_pas' is not a variable of 'vars:' or --var"
                        + " (did you mean 'db_pass'?)");
        assertThat(LoaderFixture.problem("secrets: db_pass\nsteps:\n  - nap:\n"))
                .startsWith("drills/t.yaml:1:10: 'secrets' must be a list of variable names");
    }

    @Test
    void anEnvironmentReferenceIsFoundAsTheRunResolvesIt() {
        Scenario s = load("""
                vars: {listed: '$${env.HOME_DIR}'}
                secrets: [listed]
                steps:
                  - echo: "${ env.API_TOKEN }"
                """, Map.of(), Set.of());
        assertThat(s.secrets().mask("tok-from-env")).as("spaces inside ${ } as the run trims them").isEqualTo("********");
        assertThat(s.secrets().mask("/home/drill")).as("$${ is text, not a reference").isEqualTo("/home/drill");
    }

    @Test
    void shortSecretsAreNotMaskedByValueButNamed() {
        Scenario s = load("vars: {pwd: ab}\nsteps:\n  - nap:\n", Map.of(), Set.of());
        assertThat(s.secrets().mask("ab cab")).isEqualTo("ab cab");
        assertThat(s.secrets().unmasked()).containsExactly("pwd");
    }
}
