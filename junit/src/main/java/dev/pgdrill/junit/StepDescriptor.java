package dev.pgdrill.junit;

import dev.pgdrill.engine.model.StepSpec;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

import java.util.Set;

/**
 * One step of a drill: a test named as the step, with the step's file and line as its source. It
 * carries its drill's tags, so a tag filter keeps or drops a drill whole.
 */
final class StepDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "step";
    private final StepSpec step;
    private final Set<TestTag> tags;

    StepDescriptor(UniqueId drill, ScenarioSource source, StepSpec step, Set<TestTag> tags) {
        super(drill.append(SEGMENT, DrillDescriptor.stepSegment(step)), displayName(step),
                source.source(step.location().line(), step.location().column()));
        this.step = step;
        this.tags = Set.copyOf(tags);
    }

    private static String displayName(StepSpec step) {
        return Outcomes.inert("finally".equals(step.block()) ? "finally: " + step.label() : step.label());
    }

    StepSpec step() {
        return step;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }
}
