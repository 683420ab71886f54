package dev.pgdrill.junit;

import dev.pgdrill.engine.scenario.Scenario;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

import java.util.Set;

/**
 * The verdict over a drill's trials ({@code pitr trials}, as the CLI's JUnit XML suite): fails when a bound of
 * {@code trials:} does not hold or too few trials passed. Also a test, so that build tools count it and the
 * launcher does not prune it as an empty container.
 */
final class TrialSetDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "trials";
    private final Set<TestTag> tags;

    TrialSetDescriptor(UniqueId drill, ScenarioSource source, Scenario scenario, Set<TestTag> tags) {
        super(drill.append(SEGMENT, "set"), Outcomes.inert(scenario.name() + " trials"), source.source(0, 0));
        this.tags = Set.copyOf(tags);
    }

    @Override
    public Type getType() {
        return Type.CONTAINER_AND_TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }
}
