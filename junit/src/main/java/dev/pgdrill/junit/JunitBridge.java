package dev.pgdrill.junit;

import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.run.RunPlan;
import dev.pgdrill.engine.run.StepResult;
import dev.pgdrill.engine.run.StepStatus;
import dev.pgdrill.engine.run.TrialSetResult;
import dev.pgdrill.engine.run.TrialSets;
import dev.pgdrill.engine.scenario.Scenario;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays the executor's events to JUnit: a drill's start and end are its container's (a trial's, for a tried
 * drill), a step's are its test's. A step skipped after a failure is reported skipped (never started); a failed
 * step fails with its message; an aborted one is aborted. Measurements become report entries of their step. A
 * step the executor never reached (the {@code finally} steps of a drill whose environment did not come up) is
 * reported skipped when its drill ends. A container fails only when no step shows why it did not pass (the
 * environment could not be set up, clean-up failed). Once the last trial of a drill has ended, its trials are
 * judged as a set ({@link TrialSets}) and the set's descriptor passes or fails with the verdict. Thread-safe:
 * drills may run in parallel.
 */
final class JunitBridge implements DrillListener {
    private final EngineExecutionListener out;
    private final RunPlan plan;
    private final Map<Scenario, DrillDescriptor> drills = new IdentityHashMap<>();
    private final Set<StepDescriptor> reported = new HashSet<>();
    private final Set<TestDescriptor> stepFailed = new HashSet<>();
    private final Set<DrillDescriptor> started = new HashSet<>();
    private final Map<DrillDescriptor, List<DrillResult>> trials = new HashMap<>();
    private final String report;

    /**
     * @param plan   the plan whose runs the executor reports (each traced back to its drill)
     * @param report the HTML report's index page, published as each drill's {@code report} entry; null for none
     */
    JunitBridge(EngineExecutionListener out, RunPlan plan, Iterable<DrillDescriptor> descriptors, String report) {
        this.out = out;
        this.plan = plan;
        this.report = report;
        for (DrillDescriptor d : descriptors) {
            drills.put(d.scenario(), d);
        }
    }

    private DrillDescriptor drill(Scenario run) {
        return drills.get(plan.origin(run));
    }

    @Override
    public synchronized void drillStarted(Scenario scenario, String environment) {
        DrillDescriptor drill = drill(scenario);
        if (started.add(drill) && drill.set() != null) {
            out.executionStarted(drill);
            out.reportingEntryPublished(drill, ReportEntry.from("seed", Long.toString(plan.seed())));
        }
        out.executionStarted(drill.container(scenario));
    }

    @Override
    public synchronized void environmentReady(Scenario scenario, String location) {
        out.reportingEntryPublished(drill(scenario).container(scenario),
                ReportEntry.from("environment", Outcomes.inert(location)));
    }

    @Override
    public synchronized void stepStarted(Scenario scenario, StepSpec step) {
        out.executionStarted(drill(scenario).step(scenario, step));
    }

    @Override
    public synchronized void stepFinished(Scenario scenario, StepResult result) {
        DrillDescriptor drill = drill(scenario);
        StepDescriptor test = drill.step(scenario, result.spec());
        reported.add(test);
        if (result.status() == StepStatus.SKIPPED) {
            out.executionSkipped(test, Outcomes.inert(result.message()));
            return;
        }
        for (Measurement m : result.measurements()) {
            out.reportingEntryPublished(test, ReportEntry.from(Outcomes.inert(m.name()), Outcomes.inert(value(m))));
        }
        if (result.status() != StepStatus.PASSED) {
            stepFailed.add(drill.container(scenario));
        }
        out.executionFinished(test, switch (result.status()) {
            case PASSED -> TestExecutionResult.successful();
            case ABORTED -> TestExecutionResult.aborted(new Outcomes.Aborted(result.message()));
            default -> TestExecutionResult.failed(new Outcomes.Failure(result.message()));
        });
    }

    /** {@code 1520 bytes}, {@code 0.25 s}, {@code 0.000277 s}: plain digits, never {@code 2.77E-4}. */
    static String value(Measurement m) {
        double v = m.value();
        String n = Double.isNaN(v) || Double.isInfinite(v) ? String.valueOf(v)
                : v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : BigDecimal.valueOf(v).toPlainString();
        return m.unit() == null || m.unit().isEmpty() ? n : n + " " + m.unit();
    }

    @Override
    public synchronized void drillFinished(DrillResult result) {
        DrillDescriptor drill = drill(result.scenario());
        TestDescriptor container = drill.container(result.scenario());
        for (var child : container.getChildren()) {
            if (child instanceof StepDescriptor step && !reported.contains(step)) {
                out.executionSkipped(step, Outcomes.inert("not run: " + (result.message() == null ? "the drill ended" : result.message())));
            }
        }
        if (report != null && drill.set() == null) {
            out.reportingEntryPublished(drill, ReportEntry.from("report", report));
        }
        boolean explained = result.passed() || stepFailed.contains(container);
        out.executionFinished(container, explained ? TestExecutionResult.successful()
                : TestExecutionResult.failed(new Outcomes.Failure(result.message())));
        if (drill.set() != null) {
            List<DrillResult> done = trials.computeIfAbsent(drill, k -> new ArrayList<>());
            done.add(result);
            if (done.size() == drill.trials()) {
                judge(drill, TrialSets.judge(done).get(0));
            }
        }
    }

    /** Reports the verdict over a drill's trials on its set descriptor, then ends the drill. */
    private void judge(DrillDescriptor drill, TrialSetResult set) {
        out.executionStarted(drill.set());
        out.executionFinished(drill.set(), set.ok() ? TestExecutionResult.successful()
                : TestExecutionResult.failed(new Outcomes.Failure(set.message())));
        if (report != null) {
            out.reportingEntryPublished(drill, ReportEntry.from("report", report));
        }
        out.executionFinished(drill, TestExecutionResult.successful());
    }
}
