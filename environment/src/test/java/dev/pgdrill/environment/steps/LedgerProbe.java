package dev.pgdrill.environment.steps;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.ledger.LedgerEntry;
import dev.pgdrill.engine.ledger.Ledgers;
import dev.pgdrill.engine.run.DrillExecutor;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.DrillResult;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;
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
final class LedgerProbe extends StepType<LedgerProbe.Params> {
    static final Map<String, List<LedgerEntry>> CAPTURED = new ConcurrentHashMap<>();

    /** Runs {@code scenario} on {@code env} with the real step library plus this probe. */
    static DrillResult run(Environment env, Scenario scenario) {
        List<StepType<?>> types = new ArrayList<>(StepRegistry.load().all());
        types.add(new LedgerProbe());
        return new DrillExecutor(new StepRegistry(types), name -> env, env.kind(), new DrillListener() { },
                Duration.ofSeconds(5), false).run(scenario);
    }

    record Params(@StepParam(value = "ledger", required = true, shorthand = true) String name) {
    }

    LedgerProbe() {
        super("ledger-probe", "test only: copy a ledger for the test to inspect", Params.class);
    }

    @Override
    protected void run(StepContext ctx, Params p) {
        CAPTURED.put(p.name(), Ledgers.find(ctx.state(), p.name()).orElseThrow().entries());
    }
}
