package dev.pgdrill.junit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.pgdrill.engine.testing.ClassCycles;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The JUnit engine's structure, kept by the build: no two of its classes depend on each other, no longer
 * cycle runs through them (a nested class counts as its outer class), and no package cycles.
 */
class JunitArchitectureTest {
    private static final JavaClasses JUNIT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pgdrill.junit");

    @Test
    void noClassesDependOnEachOtherNorInALongerCycle() {
        ClassCycles.noneUnder("dev.pgdrill.junit").check(JUNIT);
    }

    @Test
    void theModuleHasNoPackageCycles() {
        slices().matching("dev.pgdrill.(**)").should().beFreeOfCycles().check(JUNIT);
    }
}
