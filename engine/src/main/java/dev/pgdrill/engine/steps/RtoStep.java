package dev.pgdrill.engine.steps;

import dev.pgdrill.engine.ledger.LedgerEntry;
import dev.pgdrill.engine.ledger.Ledgers;
import dev.pgdrill.engine.ledger.Outage;
import dev.pgdrill.engine.ledger.WriteLedger;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.RunState.StartedStep;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepType;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rto: {on: replica, max-seconds: 30}}: the recovery time, from the start of a fault step to
 * the first write of the ledger acknowledged afterwards by the node that serves ({@code on}). The
 * fault is {@code from-step} (a step id), else the first step that took a node away (kill, stop,
 * pause or wipe; a partition or latency alone does not stop writes). Waits, within its timeout, for
 * that acknowledgement while the ledger's workload still runs. Measures {@code rto_seconds}.
 */
public final class RtoStep implements StepType {
    static final Set<String> OUTAGE_FAULTS = Set.of("kill", "stop", "pause", "wipe");

    @Override
    public String key() {
        return "rto";
    }

    @Override
    public String description() {
        return "Measure the time from a fault to the first write acknowledged by the node that serves after recovery";
    }

    @Override
    public List<Param> params() {
        return List.of(NodeParams.onRequired("the node that serves after recovery"),
                Param.optional("name", ParamType.STRING, WorkloadStep.DEFAULT_NAME, "ledger whose acknowledgements count"),
                Param.optional("from-step", ParamType.STRING, "the first kill, stop, pause or wipe step",
                        "id of the fault step whose start the recovery time is measured from"),
                Param.optional("max-seconds", ParamType.NUMBER, "fail when the recovery took longer than this"));
    }

    @Override
    public Set<String> outputs() {
        return Set.of("seconds", "first-key", "fault");
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        String name = ctx.args().string("name", WorkloadStep.DEFAULT_NAME);
        String nodeName = ctx.node(ctx.args().string(NodeParams.ON)).name();
        WriteLedger ledger = Ledgers.find(ctx.state(), name).orElseThrow(() -> new StepFailure("no ledger named '" + name
                + "': start a workload with name: " + name + " before the fault"));
        StartedStep fault = fault(ctx);
        ctx.output("fault", fault.label());
        String awaited = "a write of ledger '" + name + "' acknowledged by '" + nodeName + "' after step '" + fault.label()
                + "' started";
        // the probe yields the first acknowledgement, or an empty Optional once no workload can make one
        Optional<LedgerEntry> found = ctx.await(awaited, null, () -> {
            Optional<LedgerEntry> e = Outage.firstAckAfter(ledger.entries(), nodeName, fault.at());
            return e.isPresent() || !WorkloadStep.running(ctx.state(), name) ? e : null;
        }, e -> e != null, e -> e == null ? "none yet" : e.map(LedgerEntry::describe).orElse("no workload running"));
        LedgerEntry first = found.orElseThrow(() -> new StepFailure("no write of ledger '" + name
                + "' was acknowledged by '" + nodeName + "' after step '" + fault.label() + "' started, and no workload '"
                + name + "' is running to make one (" + ledger.entries().size() + " writes recorded)"));
        double seconds = Outage.seconds(fault.at(), first);
        ctx.measure("rto_seconds", seconds, "s");
        ctx.output("seconds", String.format(Locale.ROOT, "%.3f", seconds));
        ctx.output("first-key", first.key());
        ctx.evidence("fault: step '" + fault.label() + "' (" + fault.type() + ") started at " + fault.at());
        Outage.lastAckBefore(ledger.entries(), fault.at())
                .ifPresent(e -> ctx.evidence("last write acknowledged before it: " + e.describe()));
        ctx.evidence("first write acknowledged after it: " + first.describe());
        if (ctx.args().has("max-seconds")) {
            double max = ctx.args().number("max-seconds", 0);
            if (seconds > max) {
                throw new StepFailure(String.format(Locale.ROOT, "recovery took %.3f s from step '%s' to the first write "
                        + "acknowledged by '%s', more than max-seconds %s", seconds, fault.label(), nodeName,
                        trim(max)));
            }
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static StartedStep fault(StepContext ctx) {
        List<StartedStep> started = ctx.state().startedSteps();
        String id = ctx.args().string("from-step", null);
        if (id != null) {
            return started.stream().filter(s -> id.equals(s.id())).reduce((a, b) -> b).orElseThrow(() ->
                    new StepFailure("from-step '" + id + "': no step with that id has run before this one"));
        }
        return started.stream().filter(s -> OUTAGE_FAULTS.contains(s.type())).findFirst().orElseThrow(() ->
                new StepFailure("no fault step (" + String.join(", ", OUTAGE_FAULTS.stream().sorted().toList())
                        + ") ran before this one: name the step to measure from with from-step"));
    }
}
