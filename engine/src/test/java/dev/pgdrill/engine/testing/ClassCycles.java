package dev.pgdrill.engine.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * ArchUnit rules on the classes of a module: no two classes depend on each other, and no longer cycle runs
 * through them. A nested, inner, local or anonymous class counts as the top-level class it is written in.
 */
public final class ClassCycles {
    private ClassCycles() {
    }

    /** No cycle between the top-level classes under {@code packagePrefix} (e.g. {@code dev.pgdrill.cli}). */
    public static ArchRule noneUnder(String packagePrefix) {
        return slices().assignedFrom(topLevelClassesUnder(packagePrefix)).should().beFreeOfCycles();
    }

    /** Each class under {@code packagePrefix} in the slice of its top-level class; every other class in none. */
    static SliceAssignment topLevelClassesUnder(String packagePrefix) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getName();
                if (!name.startsWith(packagePrefix + ".")) {
                    return SliceIdentifier.ignore();
                }
                int nested = name.indexOf('$');
                return SliceIdentifier.of(nested < 0 ? name : name.substring(0, nested));
            }

            @Override
            public String getDescription() {
                return "top-level classes under " + packagePrefix;
            }
        };
    }
}
