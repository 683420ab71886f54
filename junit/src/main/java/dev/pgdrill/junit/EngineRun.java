package dev.pgdrill.junit;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.report.ReportDirectory;
import dev.pgdrill.engine.report.ReportFilesListener;
import dev.pgdrill.engine.run.CompositeListener;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.RunPlan;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.run.Selection;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One execution of the engine: invalid scenarios fail first (nothing of them runs), then the valid
 * drills are planned as the CLI plans them ({@link RunPlan}: every drill discovered is selected, since the
 * platform's own filters (tags, unique ids) have already chosen them; drills found in a directory that this machine
 * cannot run are skipped with the reason, a drill the backend refuses fails them all, tried drills run
 * each trial) and run through the plan's executor, whose events {@link JunitBridge} replays to JUnit and
 * {@link ReportFilesListener} writes as the CLI's report files. When the backend or the report
 * directory cannot be used, every drill fails with that reason and none starts.
 */
final class EngineRun {
    private final EngineExecutionListener out;
    private final ConfigurationParameters parameters;

    EngineRun(EngineExecutionListener out, ConfigurationParameters parameters) {
        this.out = out;
        this.parameters = parameters;
    }

    void run(TestDescriptor root) {
        List<DrillDescriptor> drills = new ArrayList<>();
        for (TestDescriptor child : root.getChildren()) {
            if (child instanceof InvalidDrillDescriptor invalid) {
                out.executionStarted(invalid);
                out.executionFinished(invalid, TestExecutionResult.failed(new Outcomes.Failure(invalid.problems())));
            } else if (child instanceof DrillDescriptor drill) {
                drills.add(drill);
            }
        }
        if (drills.isEmpty()) {
            return;
        }
        EngineSettings settings;
        EnvironmentFactory factory;
        try {
            settings = EngineSettings.from(parameters);
            factory = Environments.factory(settings.env(), EnvironmentOptions.defaults());
        } catch (RuntimeException e) {
            failAll(drills, "pgdrill: " + e.getMessage());
            return;
        }
        ReportDirectory lock = null;
        if (settings.reportDir() != null) {
            try {
                lock = ReportDirectory.acquire(settings.reportDir());
            } catch (RuntimeException e) {
                failAll(drills, "pgdrill: " + EngineSettings.REPORT_DIR_KEY + ": " + e.getMessage());
                return;
            }
        }
        try {
            run(drills, settings, factory);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private void run(List<DrillDescriptor> drills, EngineSettings settings, EnvironmentFactory factory) {
        Map<Scenario, DrillDescriptor> byScenario = new IdentityHashMap<>();
        drills.forEach(d -> byScenario.put(d.scenario(), d));
        RunPlan plan = RunPlan.of(Selection.ALL.apply(drills.stream().map(DrillDescriptor::scenario).toList()),
                s -> byScenario.get(s).named(), factory, RunPlan.randomSeed(), null, null);
        for (RunPlan.LeftOut l : plan.leftOut()) {
            out.executionSkipped(byScenario.remove(l.scenario()), Outcomes.inert("left out, " + l.reason()));
        }
        List<DrillDescriptor> kept = drills.stream().filter(d -> byScenario.containsKey(d.scenario())).toList();
        if (plan.refused() != null) {
            failAll(kept, "pgdrill: " + plan.refused() + "; nothing was run");
        }
        if (plan.refused() != null || kept.isEmpty()) {
            return;
        }
        ReportFilesListener files = settings.reportDir() == null ? null
                : new ReportFilesListener(settings.reportDir(), plan.facts());
        List<DrillListener> listeners = new ArrayList<>();
        if (files != null) {
            files.factsFrom(factory::facts);
            listeners.add(files);
        }
        listeners.add(new JunitBridge(out, plan, kept, files == null ? null : files.index().toAbsolutePath().toString()));
        RunResult result = plan.executor(Backends.registry(), factory, settings.env(),
                new CompositeListener(listeners, System.err), false).runAll(plan.runs(), settings.parallel());
        if (files != null && files.failure() != null) {
            System.err.println("pgdrill: the report could not be written: " + files.failure());
        } else if (files != null && result.exitCode() != ExitCode.OK) {
            System.err.println("pgdrill: report: " + files.index().toAbsolutePath());
        }
    }

    private void failAll(List<DrillDescriptor> drills, String why) {
        for (DrillDescriptor d : drills) {
            out.executionStarted(d);
            for (TestDescriptor step : d.getChildren()) {
                out.executionSkipped(step, "not run: " + why);
            }
            out.executionFinished(d, TestExecutionResult.failed(new Outcomes.Failure(why)));
        }
    }
}
