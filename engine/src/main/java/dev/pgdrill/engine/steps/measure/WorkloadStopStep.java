package dev.pgdrill.engine.steps.measure;

import dev.pgdrill.engine.ledger.LedgerEntry;
import dev.pgdrill.engine.ledger.LedgerEntry.Status;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code workload-stop: workload}: stops a background writer (the write in flight may finish, at
 * most its write timeout) and reports how many of its writes were acknowledged, errored or unknown, and
 * which nodes acknowledged them.
 */
public final class WorkloadStopStep extends StepType<WorkloadStopStep.Params> {
    record Params(@StepParam(value = "the workload to stop", dflt = WorkloadStep.DEFAULT_NAME, shorthand = true) String name) {
    }

    public WorkloadStopStep() {
        super("workload-stop", "Stop a background workload and report its acknowledged, errored and unknown writes", Params.class,
                StepOutput.of("acknowledged", "writes the server acknowledged"),
                StepOutput.of("errored", "writes that failed with an error"),
                StepOutput.of("unknown", "writes whose outcome is not known (connection lost, or still in flight)"),
                StepOutput.of("writes", "writes attempted"),
                StepOutput.of("by-node", "acknowledged writes per node, e.g. primary=120,replica=80 (in the order first reached)"));
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        String name = p.name();
        if (!(ctx.state().get(WorkloadStep.stateKey(name)) instanceof Workload w)) {
            throw new StepFailure("no workload named '" + name + "' was started in this drill (add a 'workload' step "
                    + "with name: " + name + ")");
        }
        w.stop();
        List<LedgerEntry> entries = w.entries();
        long acked = count(entries, Status.ACKNOWLEDGED);
        long errored = count(entries, Status.ERRORED);
        long unknown = count(entries, Status.UNKNOWN) + count(entries, Status.IN_FLIGHT);
        ctx.output("writes", entries.size());
        ctx.output("acknowledged", acked);
        ctx.output("errored", errored);
        ctx.output("unknown", unknown);
        Map<String, Long> byNode = new LinkedHashMap<>();
        entries.stream().filter(LedgerEntry::acknowledged).forEach(e -> byNode.merge(e.node(), 1L, Long::sum));
        String perNode = byNode.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        ctx.output("by-node", perNode);
        ctx.measure("workload_acknowledged_writes", acked, "writes");
        ctx.measure("workload_errored_writes", errored, "writes");
        ctx.measure("workload_unknown_writes", unknown, "writes");
        ctx.evidence("workload '" + name + "': " + entries.size() + " writes sent, " + acked + " acknowledged, "
                + errored + " errored, " + unknown + " unknown; " + w.unreachableTicks()
                + " ticks found no writable node; last problem: " + w.lastProblem());
        ctx.evidence("acknowledged by node: " + (perNode.isEmpty() ? "none" : perNode.replace(",", ", ")));
    }

    private static long count(List<LedgerEntry> entries, Status status) {
        return entries.stream().filter(e -> e.status() == status).count();
    }
}
