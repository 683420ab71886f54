package dev.pgdrill.junit;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.scenario.Scenario;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One step of a drill: a test named as the step, with the step's file and line as its source. It
 * carries its drill's tags, so a tag filter keeps or drops a drill whole.
 */
final class StepDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "step";
    private final Set<TestTag> tags;

    StepDescriptor(UniqueId drill, ScenarioSource source, StepSpec step, Set<TestTag> tags) {
        super(drill.append(SEGMENT, segment(step)), displayName(step),
                source.source(step.location().line(), step.location().column()));
        this.tags = Set.copyOf(tags);
    }

    /** Adds a descriptor of each step of {@code scenario} to {@code parent}: main steps, then finally steps. */
    static Map<String, StepDescriptor> addAll(TestDescriptor parent, ScenarioSource source, Scenario scenario,
                                              Set<TestTag> tags) {
        Map<String, StepDescriptor> steps = new HashMap<>();
        for (List<StepSpec> block : List.of(scenario.steps(), scenario.finallySteps())) {
            for (StepSpec step : block) {
                StepDescriptor d = new StepDescriptor(parent.getUniqueId(), source, step, tags);
                steps.put(segment(step), d);
                parent.addChild(d);
            }
        }
        return steps;
    }

    /** The value of a step's segment in its unique id: {@code steps-0}, {@code finally-1}. */
    static String segment(StepSpec step) {
        return step.block() + "-" + step.index();
    }

    private static String displayName(StepSpec step) {
        return Outcomes.inert("finally".equals(step.block()) ? "finally: " + step.label() : step.label());
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
