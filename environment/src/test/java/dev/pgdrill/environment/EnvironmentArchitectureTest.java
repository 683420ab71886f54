package dev.pgdrill.environment;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The environment module's package structure, kept by the build: no package cycles; the front door
 * ({@link Environments}, {@link Backend}, {@link EnvironmentOptions}) and the shared {@code common} package
 * know no backend (backends are found with ServiceLoader); the local backend and the container backends
 * know nothing of each other.
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
        noClasses().that().resideInAPackage("dev.pgdrill.environment.compose..").should().dependOnClassesThat()
                .resideInAPackage("dev.pgdrill.environment.testcontainers..").check(ENVIRONMENT);
    }
}
