package dev.pgdrill.junit;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.scenario.Scenario;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A valid drill: a container whose children are its steps, main steps first, then {@code finally} steps. A
 * drill that is tried ({@code repeat:}, {@code trials:} bounds, drawn values) instead holds one container
 * per trial ({@code pitr [trial 1/3]}), each of the steps, and one for the set's verdict ({@code pitr trials}),
 * as the CLI's JUnit XML has.
 */
final class DrillDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "drill";
    private final Scenario scenario;
    private final boolean named;
    private final Set<TestTag> tags = new HashSet<>();
    private final Map<String, StepDescriptor> steps;
    private final List<TrialDescriptor> trials = new ArrayList<>();
    private TrialDescriptor set;

    /** @param named whether a selector named the drill itself (not a directory it is in) */
    DrillDescriptor(UniqueId id, ScenarioSource source, Scenario scenario, boolean named) {
        super(id, Outcomes.inert(scenario.name()), source.source(0, 0));
        this.scenario = scenario;
        this.named = named;
        for (String t : scenario.tags()) {
            if (TestTag.isValid(t)) {
                tags.add(TestTag.create(t));
            }
        }
        if (!scenario.trials().trials()) {
            steps = StepDescriptor.addAll(this, source, scenario, tags);
            return;
        }
        steps = Map.of();
        for (int k = 1; k <= scenario.trials().repeat(); k++) {
            TrialDescriptor trial = new TrialDescriptor(id, source, scenario, k, tags);
            trials.add(trial);
            addChild(trial);
        }
        set = new TrialDescriptor(id, source, scenario, 0, tags);
        addChild(set);
    }

    Scenario scenario() {
        return scenario;
    }

    boolean named() {
        return named;
    }

    /** The container of {@code run} (this drill, or one of its trials): null for a trial it does not show. */
    TestDescriptor container(Scenario run) {
        int k = run.trial() == null ? 0 : run.trial().number();
        return k == 0 ? this : k <= trials.size() ? trials.get(k - 1) : null;
    }

    /** The descriptor of {@code step} in {@code run} of this drill. */
    StepDescriptor step(Scenario run, StepSpec step) {
        TestDescriptor c = container(run);
        return c == this ? steps.get(StepDescriptor.segment(step)) : c == null ? null : ((TrialDescriptor) c).step(step);
    }

    /** The verdict over the trials, or null when the drill is not tried. */
    TrialDescriptor set() {
        return set;
    }

    int trials() {
        return trials.size();
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public Set<TestTag> getTags() {
        return Set.copyOf(tags);
    }
}
