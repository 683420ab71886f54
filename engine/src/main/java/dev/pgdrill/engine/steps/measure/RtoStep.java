package dev.pgdrill.engine.steps.measure;

import dev.pgdrill.engine.ledger.LedgerEntry;
import dev.pgdrill.engine.ledger.Ledgers;
import dev.pgdrill.engine.ledger.Outage;
import dev.pgdrill.engine.ledger.WriteLedger;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.RunState.StartedStep;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rto: {on: replica, max-seconds: 30}}: the recovery time, from the start of a fault step to
 * the first write of the ledger acknowledged afterwards by the node that serves ({@code on}). The
 * fault is {@code from-step} (a step id), else the first step that took a node away (kill, stop,
 * pause or wipe; a partition or latency alone does not stop writes). Without {@code on}, for a
 * multi-host workload, recovery is the first write sent after the fault step ended and acknowledged,
 * by whichever node the client reached (output {@code node}). Waits, within its timeout, for that
 * acknowledgement while the ledger's workload still runs. Measures {@code rto_seconds}.
 */
public final class RtoStep extends StepType<RtoStep.Params> {
    static final Set<String> OUTAGE_FAULTS = Set.of("kill", "stop", "pause", "wipe");

    record Params(@StepParam(value = "the node that serves after recovery; may be left out for a multi-host workload "
                          + "(then: whichever node the client reached)", shown = "any node, with a multi-host "
                          + "workload (required otherwise)", type = ParamType.NODE) String on,
                  @StepParam(value = "ledger whose acknowledgements count", dflt = WorkloadStep.DEFAULT_NAME) String name,
                  @StepParam(value = "id of the fault step whose start the recovery time is measured from",
                          shown = "the first kill, stop, pause or wipe step") String fromStep,
                  @StepParam(value = "fail when the recovery took longer than this") Double maxSeconds) {
    }

    public RtoStep() {
        super("rto", "Measure the time from a fault to the first write acknowledged by the node that serves after recovery", Params.class,
                StepOutput.of("seconds", "seconds from the start of the fault step to the first write acknowledged after it"),
                StepOutput.of("first-key", "the key of that first write"),
                StepOutput.of("fault", "the step counted from (its id or name)"),
                StepOutput.of("node", "the node that acknowledged that first write"));
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        String name = p.name();
        String nodeName = p.on() == null ? null : ctx.node(p.on()).name();
        WriteLedger ledger = Ledgers.find(ctx.state(), name).orElseThrow(() -> new StepFailure("no ledger named '" + name
                + "': start a workload with name: " + name + " before the fault"));
        if (nodeName == null && !WorkloadStep.multiHost(ctx.state(), name)) {
            throw new StepFailure("rto needs 'on', the node that serves after recovery, unless workload '" + name
                    + "' is a multi-host client (workload: { on: [primary, replica], target-session-attrs: read-write })");
        }
        StartedStep fault = fault(ctx, p.fromStep());
        Instant faultEnd = endOf(ctx.state().startedSteps(), fault);
        ctx.output("fault", fault.label());
        String by = nodeName == null ? "any node" : "'" + nodeName + "'";
        String awaited = "a write of ledger '" + name + "' acknowledged by " + by + " after step '" + fault.label()
                + (nodeName == null ? "' ended" : "' started");
        // the probe yields the first acknowledgement, or an empty Optional once no workload can make one
        Optional<LedgerEntry> found = ctx.await(awaited, null, () -> {
            Optional<LedgerEntry> e = nodeName == null ? Outage.firstAckSentAfter(ledger.entries(), faultEnd)
                    : Outage.firstAckAfter(ledger.entries(), nodeName, fault.at());
            return e.isPresent() || !WorkloadStep.running(ctx.state(), name) ? e : null;
        }, e -> e != null, e -> e == null ? "none yet" : e.map(LedgerEntry::describe).orElse("no workload running"));
        LedgerEntry first = found.orElseThrow(() -> new StepFailure("no write of ledger '" + name
                + "' was acknowledged by " + by + " after step '" + fault.label() + (nodeName == null ? "' ended" : "' started")
                + ", and no workload '" + name + "' is running to make one (" + ledger.entries().size() + " writes recorded)"));
        double seconds = Outage.seconds(fault.at(), first);
        ctx.measure("rto_seconds", seconds, "s");
        ctx.output("seconds", String.format(Locale.ROOT, "%.3f", seconds));
        ctx.output("first-key", first.key());
        ctx.output("node", first.node());
        ctx.evidence("fault: step '" + fault.label() + "' (" + fault.type() + ") started at " + fault.at());
        Outage.lastAckBefore(ledger.entries(), fault.at())
                .ifPresent(e -> ctx.evidence("last write acknowledged before it: " + e.describe()));
        ctx.evidence("first write acknowledged after it: " + first.describe());
        if (p.maxSeconds() != null) {
            double max = p.maxSeconds();
            if (seconds > max) {
                throw new StepFailure(String.format(Locale.ROOT, "recovery took %.3f s from step '%s' to the first write "
                        + "acknowledged by '%s', more than max-seconds %s", seconds, fault.label(), first.node(),
                        trim(max)));
            }
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** When {@code fault} ended: the next step started then (steps run one after another). */
    private static Instant endOf(List<StartedStep> started, StartedStep fault) {
        int i = started.lastIndexOf(fault);
        return i >= 0 && i + 1 < started.size() ? started.get(i + 1).at() : Instant.now();
    }

    private static StartedStep fault(StepContext ctx, String id) {
        List<StartedStep> started = ctx.state().startedSteps();
        if (id != null) {
            return started.stream().filter(s -> id.equals(s.id())).reduce((a, b) -> b).orElseThrow(() ->
                    new StepFailure("from-step '" + id + "': no step with that id has run before this one"));
        }
        return started.stream().filter(s -> OUTAGE_FAULTS.contains(s.type())).findFirst().orElseThrow(() ->
                new StepFailure("no fault step (" + String.join(", ", OUTAGE_FAULTS.stream().sorted().toList())
                        + ") ran before this one: name the step to measure from with from-step"));
    }
}
