package dev.pgdrill.junit;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.scenario.Scenario;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A valid drill: a container whose children are its steps, main steps first, then {@code finally} steps. */
final class DrillDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "drill";
    private final Scenario scenario;
    private final Set<TestTag> tags = new HashSet<>();
    private final Map<String, StepDescriptor> steps = new HashMap<>();

    DrillDescriptor(UniqueId id, ScenarioSource source, Scenario scenario) {
        super(id, Outcomes.inert(scenario.name()), source.source(0, 0));
        this.scenario = scenario;
        for (String t : scenario.tags()) {
            if (TestTag.isValid(t)) {
                tags.add(TestTag.create(t));
            }
        }
        for (List<StepSpec> block : List.of(scenario.steps(), scenario.finallySteps())) {
            for (StepSpec step : block) {
                StepDescriptor d = new StepDescriptor(id, source, step, tags);
                steps.put(key(step), d);
                addChild(d);
            }
        }
    }

    Scenario scenario() {
        return scenario;
    }

    /** The descriptor of {@code step} of this drill. */
    StepDescriptor step(StepSpec step) {
        return steps.get(key(step));
    }

    private static String key(StepSpec step) {
        return step.block() + "-" + step.index();
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public Set<TestTag> getTags() {
        return Set.copyOf(tags);
    }

    /** The step segment's value: {@code steps-0}, {@code finally-1}. */
    static String stepSegment(StepSpec step) {
        return key(step);
    }
}
