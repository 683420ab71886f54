package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.ledger.LedgerEntry;
import dev.pgdrill.engine.ledger.Ledgers;
import dev.pgdrill.engine.run.DrillExecutor;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.step.StepType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only step, {@code ledger-probe: NAME}, that hands a copy of a ledger to the test, so the
 * test can compute what {@code rpo} should find from the ledger's own records.
 */
final class LedgerProbe implements StepType {
    static final Map<String, List<LedgerEntry>> CAPTURED = new ConcurrentHashMap<>();

    /** Runs {@code scenario} on {@code env} with the real step library plus this probe. */
    static DrillResult run(Environment env, Scenario scenario) {
        List<StepType> types = new ArrayList<>(StepRegistry.load().all());
        types.add(new LedgerProbe());
        return new DrillExecutor(new StepRegistry(types), name -> env, env.kind(), new DrillListener() { },
                Duration.ofSeconds(5), false).run(scenario);
    }

    @Override
    public String key() {
        return "ledger-probe";
    }

    @Override
    public String description() {
        return "test only: copy a ledger for the test to inspect";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.required("name", ParamType.STRING, "ledger"));
    }

    @Override
    public String shorthand() {
        return "name";
    }

    @Override
    public void run(StepContext ctx) {
        String name = ctx.args().string("name");
        CAPTURED.put(name, Ledgers.find(ctx.state(), name).orElseThrow().entries());
    }
}
