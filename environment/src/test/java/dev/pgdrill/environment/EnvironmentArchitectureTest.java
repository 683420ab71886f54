package dev.pgdrill.environment;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.pgdrill.engine.testing.ClassCycles;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The environment module's package structure, kept by the build: no package cycles; the front door
 * ({@link Environments}, {@link Backend}, {@link EnvironmentOptions}) and the shared {@code common} package
 * know no backend (backends are found with ServiceLoader); the local backend and the container backends
 * know nothing of each other; Compose and Testcontainers are siblings on {@code container}, which names
 * neither. Layers, top down: the backends; {@code container} and the front door; {@code common}. No package
 * uses one above it, and no two classes depend on each other (nor does a longer cycle run through them).
 */
class EnvironmentArchitectureTest {
    private static final JavaClasses ENVIRONMENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pgdrill.environment");

    @Test
    void theModuleHasNoPackageCycles() {
        slices().matching("dev.pgdrill.environment.(**)").should().beFreeOfCycles().check(ENVIRONMENT);
    }

    @Test
    void theFrontDoorAndTheSharedPartsNameNoBackend() {
        noClasses().that().resideInAnyPackage("dev.pgdrill.environment", "dev.pgdrill.environment.common..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pgdrill.environment.local..",
                        "dev.pgdrill.environment.compose..", "dev.pgdrill.environment.testcontainers..")
                .check(ENVIRONMENT);
    }

    @Test
    void theLocalAndTheContainerBackendsKnowNothingOfEachOther() {
        noClasses().that().resideInAPackage("dev.pgdrill.environment.local..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.pgdrill.environment.compose..", "dev.pgdrill.environment.testcontainers..")
                .check(ENVIRONMENT);
        noClasses().that().resideInAnyPackage("dev.pgdrill.environment.compose..",
                        "dev.pgdrill.environment.testcontainers..").should().dependOnClassesThat()
                .resideInAPackage("dev.pgdrill.environment.local..").check(ENVIRONMENT);
    }

    @Test
    void composeAndTestcontainersAreSiblingsThatKnowNothingOfEachOther() {
        noClasses().that().resideInAPackage("dev.pgdrill.environment.compose..").should().dependOnClassesThat()
                .resideInAPackage("dev.pgdrill.environment.testcontainers..").check(ENVIRONMENT);
        noClasses().that().resideInAPackage("dev.pgdrill.environment.testcontainers..").should().dependOnClassesThat()
                .resideInAPackage("dev.pgdrill.environment.compose..").check(ENVIRONMENT);
    }

    @Test
    void theContainerPackageNamesNeitherComposeNorTestcontainers() {
        noClasses().that().resideInAPackage("dev.pgdrill.environment.container..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.pgdrill.environment.compose..", "dev.pgdrill.environment.testcontainers..")
                .check(ENVIRONMENT);
    }

    @Test
    void noPackageUsesOneAboveIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("local").definedBy("dev.pgdrill.environment.local..")
                .layer("compose").definedBy("dev.pgdrill.environment.compose..")
                .layer("testcontainers").definedBy("dev.pgdrill.environment.testcontainers..")
                .layer("container").definedBy("dev.pgdrill.environment.container..")
                .layer("front door").definedBy("dev.pgdrill.environment")
                .layer("common").definedBy("dev.pgdrill.environment.common..")
                .whereLayer("local").mayNotBeAccessedByAnyLayer()
                .whereLayer("compose").mayNotBeAccessedByAnyLayer()
                .whereLayer("testcontainers").mayNotBeAccessedByAnyLayer()
                .whereLayer("container").mayOnlyBeAccessedByLayers("compose", "testcontainers")
                .whereLayer("front door").mayOnlyBeAccessedByLayers("local", "compose", "testcontainers")
                .whereLayer("common").mayOnlyBeAccessedByLayers("local", "compose", "testcontainers", "container",
                        "front door")
                .check(ENVIRONMENT);
    }

    @Test
    void noTwoClassesOfTheModuleDependOnEachOther() {
        ClassCycles.noneUnder("dev.pgdrill.environment").check(ENVIRONMENT);
    }
}
