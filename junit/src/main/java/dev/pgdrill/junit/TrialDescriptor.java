package dev.pgdrill.junit;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.model.Trial;
import dev.pgdrill.engine.scenario.Scenario;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

import java.util.Map;
import java.util.Set;

/** Trial K of a tried drill: a container of the drill's steps, named as the CLI names it ({@code pitr [trial 2/3]}). */
final class TrialDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "trial";
    private final Set<TestTag> tags;
    private final Map<String, StepDescriptor> steps;

    TrialDescriptor(UniqueId drill, ScenarioSource source, Scenario scenario, int number, Set<TestTag> tags) {
        super(drill.append(SEGMENT, Integer.toString(number)),
                Outcomes.inert(scenario.trial(new Trial(number, scenario.trials().repeat(), 0)).title()),
                source.source(0, 0));
        this.tags = Set.copyOf(tags);
        this.steps = StepDescriptor.addAll(this, source, scenario, tags);
    }

    StepDescriptor step(StepSpec step) {
        return steps.get(DrillDescriptor.stepSegment(step));
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }
}
