package dev.pgdrill.engine.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.pgdrill.engine.testing.ClassCycles;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine's package structure, kept by the build: no package cycles (neither between packages nor between
 * the top-level packages with everything under them), no environment adapter, step
 * types that see only the Environment port, a PostgreSQL toolkit that knows no step type, and
 * environment variables read in one place.
 */
class ArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pgdrill.engine");

    private static void check(ArchRule rule) {
        rule.check(ENGINE);
    }

    @Test
    void stepTypePackagesDoNotDependOnEachOther() {
        check(slices().matching("dev.pgdrill.engine.steps.(*)..").should().notDependOnEachOther());
    }

    @Test
    void theEngineHasNoPackageCycles() {
        check(slices().matching("dev.pgdrill.engine.(**)").should().beFreeOfCycles());
    }

    @Test
    void theEnginesTopLevelPackagesHaveNoCycles() {
        check(slices().matching("dev.pgdrill.engine.(*)..").should().beFreeOfCycles());
    }

    @Test
    void noTwoClassesOfTheEngineDependOnEachOther() {
        check(ClassCycles.noneUnder("dev.pgdrill.engine"));
    }

    @Test
    void theEngineNeverImportsAnEnvironmentAdapter() {
        check(noClasses().should().dependOnClassesThat().resideInAPackage("dev.pgdrill.environment.."));
    }

    @Test
    void stepsSeeTheEnvironmentPortNotABackend() {
        check(noClasses().that().resideInAnyPackage("dev.pgdrill.engine.steps..", "dev.pgdrill.engine.postgres..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pgdrill.engine.run..", "dev.pgdrill.engine.report..",
                        "dev.pgdrill.engine.scenario..", "dev.pgdrill.environment..", "com.github.dockerjava..",
                        "org.apache.commons.exec.."));
    }

    @Test
    void thePostgresToolkitKnowsNoStepType() {
        check(noClasses().that().resideInAPackage("dev.pgdrill.engine.postgres..")
                .should().dependOnClassesThat().resideInAPackage("dev.pgdrill.engine.steps.."));
    }

    @Test
    void environmentVariablesAreReadOnlyByTheScenarioLoader() {
        check(noClasses().that().doNotHaveFullyQualifiedName("dev.pgdrill.engine.scenario.ScenarioLoader")
                .should().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getenv"));
    }
}
