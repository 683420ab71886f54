package dev.pgdrill.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery and invalid scenarios: nothing here starts a server. */
class DiscoveryTest {
    static final Path CASES = Path.of("src/test/drills/cases");

    private static EngineDiscoveryResults discover(DiscoverySelector... selectors) {
        return EngineTestKit.engine(new PgDrillTestEngine()).selectors(selectors).discover();
    }

    @Test
    void aDrillIsAContainerOfItsStepsNamedAndPlacedAsInTheFile() {
        TestDescriptor root = discover(DiscoverySelectors.selectFile(CASES.resolve("failing.yaml").toString()))
                .getEngineDescriptor();
        assertThat(root.getChildren()).hasSize(1);
        TestDescriptor drill = root.getChildren().iterator().next();
        assertThat(drill.isContainer()).isTrue();
        assertThat(drill.getDisplayName()).isEqualTo("junit-failing");
        assertThat(drill.getSource()).contains(FileSource.from(CASES.resolve("failing.yaml").toFile()));
        List<TestDescriptor> steps = List.copyOf(drill.getChildren());
        assertThat(steps).allMatch(TestDescriptor::isTest);
        assertThat(steps).extracting(TestDescriptor::getDisplayName).containsExactly(
                "the seed is there", "a check that cannot hold", "never reached", "finally: clean-up runs");
        assertThat(steps).extracting(s -> s.getSource().orElseThrow()).containsExactly(
                FileSource.from(new File("src/test/drills/cases/failing.yaml"), FilePosition.from(4, 5)),
                FileSource.from(new File("src/test/drills/cases/failing.yaml"), FilePosition.from(6, 5)),
                FileSource.from(new File("src/test/drills/cases/failing.yaml"), FilePosition.from(8, 5)),
                FileSource.from(new File("src/test/drills/cases/failing.yaml"), FilePosition.from(11, 5)));
        assertThat(steps.get(1).getUniqueId()).isEqualTo(UniqueId.forEngine("pgdrill")
                .append("drill", "src/test/drills/cases/failing.yaml").append("step", "steps-1"));
    }

    @Test
    void namesFromTheScenarioNeverBecomeJenkinsDirectives(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("attach.yaml"), """
                name: "[[ATTACHMENT|/etc/passwd]]"
                steps:
                  - name: "[[ATTACHMENT|/etc/shadow]]"
                    sleep: 1ms
                """);
        TestDescriptor root = discover(DiscoverySelectors.selectFile(drill.toString())).getEngineDescriptor();
        TestDescriptor found = root.getChildren().iterator().next();
        assertThat(found.getDisplayName()).isEqualTo("[\u200B[ATTACHMENT|/etc/passwd]]");
        assertThat(found.getChildren()).extracting(TestDescriptor::getDisplayName)
                .containsExactly("[\u200B[ATTACHMENT|/etc/shadow]]");
    }

    @Test
    void aDirectoryStandsForEveryYamlFileBelowItSortedByPath() {
        TestDescriptor root = discover(DiscoverySelectors.selectDirectory("src/test/drills")).getEngineDescriptor();
        assertThat(root.getChildren()).extracting(d -> d.getUniqueId().getLastSegment().getValue()).containsExactly(
                "src/test/drills/cases/failing.yaml", "src/test/drills/cases/invalid.yaml",
                "src/test/drills/cases/jdbi.yaml", "src/test/drills/cases/tagged.yaml", "src/test/drills/cases/trials.yaml",
                "src/test/drills/suite/smoke.yaml");
    }

    @Test
    void aTriedDrillHoldsAContainerOfItsStepsPerTrialAndOneForTheSetVerdict() {
        TestDescriptor drill = discover(DiscoverySelectors.selectFile(CASES.resolve("trials.yaml").toString()))
                .getEngineDescriptor().getChildren().iterator().next();
        assertThat(drill.getChildren()).extracting(TestDescriptor::getDisplayName).containsExactly(
                "junit-trials [trial 1/3]", "junit-trials [trial 2/3]", "junit-trials [trial 3/3]", "junit-trials trials");
        assertThat(drill.getChildren()).extracting(TestDescriptor::getType).containsExactly(TestDescriptor.Type.CONTAINER,
                TestDescriptor.Type.CONTAINER, TestDescriptor.Type.CONTAINER, TestDescriptor.Type.CONTAINER_AND_TEST);
        TestDescriptor second = drill.getChildren().stream().skip(1).findFirst().orElseThrow();
        assertThat(second.getChildren()).extracting(d -> d.getUniqueId().getSegments().stream()
                .skip(2).map(UniqueId.Segment::getValue).toList()).containsExactly(
                List.of("2", "steps-0"), List.of("2", "steps-1"));
    }

    @Test
    void aClasspathResourceInADirectoryIsItsFileSoAnIdeOpensIt() {
        TestDescriptor root = discover(DiscoverySelectors.selectClasspathResource("drills/classpath.yaml"))
                .getEngineDescriptor();
        TestDescriptor drill = root.getChildren().iterator().next();
        assertThat(drill.getDisplayName()).isEqualTo("junit-classpath");
        assertThat(drill.getUniqueId().getLastSegment().getValue()).isEqualTo("classpath:drills/classpath.yaml");
        TestDescriptor first = drill.getChildren().iterator().next();
        assertThat(first.getSource().orElseThrow()).isInstanceOfSatisfying(FileSource.class, f -> {
            assertThat(f.getFile().toPath()).endsWith(Path.of("test-classes/drills/classpath.yaml"));
            assertThat(f.getPosition()).contains(FilePosition.from(4, 5));
        });
    }

    @Test
    void aClasspathResourceInAJarIsReadFromTheJarWithItsNameAndLine(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("drills.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("packaged/in-jar.yaml"));
            out.write(Files.readAllBytes(CASES.resolve("jdbi.yaml")));
        }
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader classes = new URLClassLoader(new URL[]{jar.toUri().toURL()}, before)) {
            Thread.currentThread().setContextClassLoader(classes);
            TestDescriptor drill = discover(DiscoverySelectors.selectClasspathResource("packaged/in-jar.yaml"))
                    .getEngineDescriptor().getChildren().iterator().next();
            assertThat(drill.getDisplayName()).isEqualTo("junit-jdbi");
            assertThat(drill.getChildren().iterator().next().getSource())
                    .contains(ClasspathResourceSource.from("packaged/in-jar.yaml", FilePosition.from(4, 5)));
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Test
    void aMissingClasspathResourceIsReportedNotThrown() {
        EngineExecutionResults results = EngineTestKit.engine(new PgDrillTestEngine())
                .selectors(DiscoverySelectors.selectClasspathResource("drills/nope.yaml")).execute();
        Event failed = results.testEvents().failed().list().get(0);
        assertThat(failed.getTestDescriptor().getSource()).contains(ClasspathResourceSource.from("drills/nope.yaml"));
        assertThat(message(failed)).isEqualTo("drills/nope.yaml: no such classpath resource");
    }

    @Test
    void aUniqueIdOfAStepSelectsItsWholeDrill() {
        TestDescriptor root = discover(DiscoverySelectors.selectUniqueId(UniqueId.forEngine("pgdrill")
                .append("drill", "src/test/drills/cases/failing.yaml").append("step", "steps-1")))
                .getEngineDescriptor();
        assertThat(root.getChildren()).singleElement().satisfies(d -> assertThat(d.getChildren()).hasSize(4));
    }

    @Test
    void classSelectorsAreLeftToOtherEngines() {
        assertThat(discover(DiscoverySelectors.selectClass(DiscoveryTest.class)).getEngineDescriptor().getChildren())
                .isEmpty();
    }

    @Test
    void anInvalidScenarioFailsWithFileLineColumnNoStackTraceAndNothingRuns() {
        EngineExecutionResults results = EngineTestKit.engine(new PgDrillTestEngine())
                .selectors(DiscoverySelectors.selectFile(CASES.resolve("invalid.yaml").toString()))
                .configurationParameter(EngineSettings.REPORT_DIR_KEY, "none")
                .execute();
        results.testEvents().assertStatistics(s -> s.started(1).failed(1).succeeded(0).skipped(0));
        Event failed = results.testEvents().failed().list().get(0);
        assertThat(failed.getTestDescriptor().getDisplayName()).isEqualTo("invalid.yaml");
        assertThat(failed.getTestDescriptor().getSource())
                .contains(FileSource.from(CASES.resolve("invalid.yaml").toFile(), FilePosition.from(5, 5)));
        assertThat(message(failed)).startsWith("src/test/drills/cases/invalid.yaml:5:5: step #2: unknown step type 'restor'")
                .contains("did you mean 'restore'");
        Throwable thrown = failed.getPayload(TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(thrown.getStackTrace()).isEmpty();
    }

    @Test
    void environmentVariablesNeedTheAllowEnvParameterAsOnTheCommandLine(@TempDir Path dir) throws IOException {
        Path drill = Files.writeString(dir.resolve("env.yaml"), "steps:\n  - sleep: \"${env.PGDRILL_TEST_PAUSE}\"\n");
        EngineExecutionResults refused = EngineTestKit.engine(new PgDrillTestEngine())
                .selectors(DiscoverySelectors.selectFile(drill.toString()))
                .configurationParameter(EngineSettings.REPORT_DIR_KEY, "none")
                .execute();
        refused.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(message(refused.testEvents().failed().list().get(0))).startsWith(drill + ":2:12: step #1 (sleep): ")
                .contains("${env.PGDRILL_TEST_PAUSE}: environment variable 'PGDRILL_TEST_PAUSE' is not allowed")
                .contains("pgdrill.allow-env=PGDRILL_TEST_PAUSE");
        TestDescriptor allowed = EngineTestKit.engine(new PgDrillTestEngine())
                .selectors(DiscoverySelectors.selectFile(drill.toString()))
                .configurationParameter(Backends.ALLOW_ENV_KEY, "PGDRILL_TEST_*")
                .discover().getEngineDescriptor().getChildren().iterator().next();
        // allowed, it is read: unset here, so the drill is still refused, for that reason only
        assertThat(allowed).isInstanceOf(InvalidDrillDescriptor.class);
        assertThat(((InvalidDrillDescriptor) allowed).problems()).contains("'PGDRILL_TEST_PAUSE' is not set")
                .doesNotContain("not allowed");
    }

    @Test
    void scenarioTagsBecomeJunitTagsAndFilterDrills() {
        TestDescriptor root = discover(DiscoverySelectors.selectFile(CASES.resolve("tagged.yaml").toString()))
                .getEngineDescriptor();
        TestDescriptor drill = root.getChildren().iterator().next();
        assertThat(drill.getTags()).containsExactlyInAnyOrder(TestTag.create("smoke"), TestTag.create("pitr"));
        assertThat(drill.getChildren()).allSatisfy(s -> assertThat(s.getTags()).contains(TestTag.create("smoke")));
        EngineExecutionResults excluded = EngineTestKit.engine(new PgDrillTestEngine())
                .selectors(DiscoverySelectors.selectFile(CASES.resolve("tagged.yaml").toString()))
                .filters(TagFilter.excludeTags("pitr"))
                .execute();
        excluded.allEvents().assertStatistics(s -> s.started(1));
    }

    static String message(Event e) {
        return e.getPayload(TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow().getMessage();
    }
}
