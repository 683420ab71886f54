package dev.pgdrill.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * A scenario file that did not validate: one test, named after the file, that fails with every
 * problem at {@code file:line:column}. Nothing of it runs.
 */
final class InvalidDrillDescriptor extends AbstractTestDescriptor {
    private final String problems;

    InvalidDrillDescriptor(UniqueId id, ScenarioSource source, String problems, int line, int column) {
        super(id, Outcomes.inert(source.shownPath().getFileName().toString()), source.source(line, column));
        this.problems = problems;
    }

    /** The problems, one a line: {@code pitr.yaml:12:7: unknown step type 'restor' (did you mean 'restore'?)}. */
    String problems() {
        return problems;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
