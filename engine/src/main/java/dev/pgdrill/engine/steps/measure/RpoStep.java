package dev.pgdrill.engine.steps.measure;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.ledger.LedgerEntry;
import dev.pgdrill.engine.ledger.Ledgers;
import dev.pgdrill.engine.ledger.Loss;
import dev.pgdrill.engine.ledger.WriteLedger;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code rpo: {on: replica, name: critical, lost: 1}}: judges a recovery against a ledger, on the
 * node that serves after it. Lost writes were acknowledged but are absent; ghost writes were not
 * acknowledged (errored, unknown, or still in flight) but are present. Always measures
 * {@code rpo_lost_writes}, {@code rpo_ghost_writes} and {@code rpo_window_seconds} (first to last
 * lost acknowledgement); asserts only what is given ({@code lost}, {@code max-lost}, {@code ghost},
 * {@code max-ghost}). The ledger's workload must be stopped first, so the count is exact.
 */
public final class RpoStep extends StepType<RpoStep.Params> {
    static final int EVIDENCE_LIMIT = 20;

    record Params(@StepParam(value = "the node that serves after recovery", required = true, type = ParamType.NODE) String on,
                  @StepParam(value = "ledger to judge", dflt = WorkloadStep.DEFAULT_NAME) String name,
                  @StepParam(value = "exact number of lost writes expected") Long lost,
                  @StepParam(value = "at most this many lost writes") Long maxLost,
                  @StepParam(value = "exact number of ghost writes expected") Long ghost,
                  @StepParam(value = "at most this many ghost writes") Long maxGhost) {
    }

    public RpoStep() {
        super("rpo", "Count acknowledged writes of a ledger that are absent (lost) and unacknowledged ones that are present "
                + "(ghost) on the node serving after recovery; assert bounds", Params.class,
                StepOutput.of("lost", "how many acknowledged writes are missing"),
                StepOutput.of("ghost", "how many writes never acknowledged are present"),
                StepOutput.of("acknowledged", "how many writes of the ledger were acknowledged"),
                StepOutput.of("writes", "how many writes the ledger recorded"),
                StepOutput.of("window-seconds", "seconds between the acknowledgements of the first and the last lost write (0 for fewer than two)"),
                StepOutput.of("lost-keys", "keys of the lost writes, comma-separated (the first 20)"));
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        String name = p.name();
        Node node = ctx.node(p.on());
        WriteLedger ledger = Ledgers.find(ctx.state(), name).orElseThrow(() -> new StepFailure("no ledger named '" + name
                + "': start a workload with name: " + name + ", or give an sql step ledger: " + name));
        if (WorkloadStep.running(ctx.state(), name)) {
            throw new StepFailure("workload '" + name + "' is still writing: stop it first (workload-stop: " + name
                    + ") so that every write has an outcome");
        }
        List<LedgerEntry> entries = ledger.entries();
        Loss loss = Loss.of(entries, Presences.on(ctx, node, entries));
        ctx.measure("rpo_lost_writes", loss.lost().size(), "writes");
        ctx.measure("rpo_ghost_writes", loss.ghost().size(), "writes");
        ctx.measure("rpo_window_seconds", loss.windowSeconds(), "s");
        ctx.output("lost", loss.lost().size());
        ctx.output("ghost", loss.ghost().size());
        ctx.output("acknowledged", loss.acknowledged());
        ctx.output("writes", loss.recorded());
        ctx.output("window-seconds", String.format(Locale.ROOT, "%.3f", loss.windowSeconds()));
        ctx.output("lost-keys", String.join(",", loss.lost().stream().limit(EVIDENCE_LIMIT).map(LedgerEntry::key).toList()));
        ctx.evidence("ledger '" + name + "' on '" + node.name() + "': " + loss.recorded() + " writes, "
                + loss.acknowledged() + " acknowledged, " + loss.lost().size() + " lost, " + loss.ghost().size() + " ghost");
        list(ctx, "lost", loss.lost());
        list(ctx, "ghost", loss.ghost());
        List<String> failures = new ArrayList<>();
        check(failures, "lost", loss.lost().size(), p.lost(), true);
        check(failures, "lost", loss.lost().size(), p.maxLost(), false);
        check(failures, "ghost", loss.ghost().size(), p.ghost(), true);
        check(failures, "ghost", loss.ghost().size(), p.maxGhost(), false);
        if (!failures.isEmpty()) {
            String keys = loss.lost().isEmpty() ? "" : "; lost: " + String.join(", ",
                    loss.lost().stream().limit(EVIDENCE_LIMIT).map(LedgerEntry::key).toList());
            throw new StepFailure("ledger '" + name + "' on '" + node.name() + "': " + String.join("; ", failures) + keys);
        }
    }

    private static void check(List<String> failures, String what, int found, Long bound, boolean exact) {
        if (bound == null) {
            return;
        }
        if (exact ? found != bound : found > bound) {
            failures.add("expected " + (exact ? "" : "at most ") + bound + " " + what + " write" + (bound == 1 ? "" : "s")
                    + ", found " + found);
        }
    }

    private static void list(StepContext ctx, String what, List<LedgerEntry> entries) {
        entries.stream().limit(EVIDENCE_LIMIT).forEach(e -> ctx.evidence(what + ": " + e.describe()));
        if (entries.size() > EVIDENCE_LIMIT) {
            ctx.evidence("... and " + (entries.size() - EVIDENCE_LIMIT) + " more " + what + " writes");
        }
    }
}
