package dev.pgdrill.junit;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.model.Trial;
import dev.pgdrill.engine.scenario.Scenario;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

import java.util.Map;
import java.util.Set;

/**
 * Trial K of a tried drill, a container of its steps named as the CLI names it ({@code pitr [trial 2/3]}); or,
 * for K = 0, the verdict over the trials ({@code pitr trials}, as the CLI's JUnit XML suite), which fails when a
 * bound of {@code trials:} does not hold or too few trials passed. The verdict is also a test, so that build
 * tools count it and the launcher does not prune it as an empty container.
 */
final class TrialDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "trial";
    private final Set<TestTag> tags;
    private final Map<String, StepDescriptor> steps;

    TrialDescriptor(UniqueId drill, ScenarioSource source, Scenario scenario, int number, Set<TestTag> tags) {
        super(number == 0 ? drill.append("trials", "set") : drill.append(SEGMENT, Integer.toString(number)),
                Outcomes.inert(number == 0 ? scenario.name() + " trials"
                        : scenario.trial(new Trial(number, scenario.trials().repeat(), 0)).title()),
                source.source(0, 0));
        this.tags = Set.copyOf(tags);
        this.steps = number == 0 ? Map.of() : StepDescriptor.addAll(this, source, scenario, tags);
    }

    StepDescriptor step(StepSpec step) {
        return steps.get(StepDescriptor.segment(step));
    }

    @Override
    public Type getType() {
        return getUniqueId().getLastSegment().getType().equals(SEGMENT) ? Type.CONTAINER : Type.CONTAINER_AND_TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }
}
