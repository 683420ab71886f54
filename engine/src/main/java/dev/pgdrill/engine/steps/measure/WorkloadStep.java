package dev.pgdrill.engine.steps.measure;

import dev.pgdrill.engine.env.Leader;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.ledger.LedgerEntry;
import dev.pgdrill.engine.ledger.Ledgers;
import dev.pgdrill.engine.ledger.WriteLedger;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.MultiHost;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.step.ParamBinder;
import dev.pgdrill.engine.step.ParamProblem;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.RunState;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code workload: {on: primary, serves: [replica], rate: 20}}: starts a background writer that
 * inserts one row per tick into {@code table} and records every write in the ledger {@code name}
 * (acknowledged, errored, or unknown when the connection broke mid-write), with the node that
 * acknowledged it. It follows a failover: after a failed write it reconnects to the first of
 * {@code on} and the {@code serves} nodes that is running and out of recovery. With a list in
 * {@code on} ({@code on: [primary, replica], target-session-attrs: read-write}) it is a multi-host
 * client instead: the driver picks the host, on every reconnection, as an application's would. Runs
 * until {@code workload-stop} or the end of the drill. The step passes once the first write is
 * acknowledged.
 */
public final class WorkloadStep extends StepType<WorkloadStep.Params> {
    static final String DEFAULT_NAME = "workload";
    private static final double MIN_RATE = 0.1;
    private static final double MAX_RATE = 1000;
    private static final Set<MultiHost.SessionAttrs> WRITABLE = EnumSet.of(MultiHost.SessionAttrs.READ_WRITE,
            MultiHost.SessionAttrs.PRIMARY, MultiHost.SessionAttrs.ANY);

    record Params(
            @StepParam(value = "node to write to first; or a list of nodes, the hosts of one multi-host connection "
                    + "whose driver picks the host on every (re)connection (see target-session-attrs)", dflt = "primary",
                    type = ParamType.NODES) List<String> on,
            @StepParam(value = "with a list in 'on': which host the connection keeps, as libpq's target_session_attrs; "
                    + "a workload writes, so read-write, primary or any", shown = "read-write")
            MultiHost.SessionAttrs targetSessionAttrs,
            @StepParam(value = "with one node in 'on': other nodes that may take the writes after a failover (the "
                    + "engine uses the first writable one)", shown = "none") List<String> serves,
            @StepParam(value = "ledger name, used by workload-stop, rpo and rto", dflt = DEFAULT_NAME) String name,
            @StepParam(value = "writes per second", dflt = "20") double rate,
            @StepParam(value = "table to insert into; created if missing (seq bigint primary key, written_at timestamptz, "
                    + "payload text)", dflt = "pgdrill_writes") String table,
            @StepParam(value = "the client gives up on one write after this (recorded as unknown); never cancels it",
                    dflt = "2s") Duration writeTimeout) {
        Params {
            ParamProblem.require(Sql.PLAIN_NAME.matcher(table).matches(), "table",
                    "'table' must be a plain SQL name like pgdrill_writes or drill.writes, found '" + table + "'");
            ParamProblem.require(rateProblem(rate) == null, "rate", rateProblem(rate));
            ParamProblem.require(targetSessionAttrs == null || WRITABLE.contains(targetSessionAttrs),
                    "target-session-attrs", "a workload writes: 'target-session-attrs' must be read-write, primary or "
                            + "any, found " + (targetSessionAttrs == null ? "" : ParamBinder.yamlName(targetSessionAttrs)));
        }

        /** Whether the writer is a multi-host client: several nodes, or session attributes to check. */
        boolean multiHost() {
            return on.size() > 1 || targetSessionAttrs != null;
        }

        /** The session attributes of a multi-host writer (read-write unless given), or null for one node. */
        MultiHost.SessionAttrs attrs() {
            return !multiHost() ? null : targetSessionAttrs != null ? targetSessionAttrs : MultiHost.SessionAttrs.READ_WRITE;
        }
    }

    public WorkloadStep() {
        super("workload", "Start a background writer (one INSERT per tick, autocommit) that records every acknowledged, "
                + "errored and unknown write in a ledger, with the node that acknowledged it; follows a failover to the "
                + "'serves' nodes, or as a multi-host client to the host its driver picks", Params.class,
                StepOutput.of("name", "the workload (and its ledger) name, for workload-stop, rpo and rto"),
                StepOutput.of("table", "the table it writes into"),
                StepOutput.of("first-seq", "the sequence number of its first write"));
    }

    /** Null when {@code rate} is a finite number of writes per second in the supported range. */
    static String rateProblem(double rate) {
        if (rate >= MIN_RATE && rate <= MAX_RATE) {
            return null; // false for NaN too
        }
        return "'rate' must be a number of writes per second from " + MIN_RATE + " (one write every "
                + (int) (1 / MIN_RATE) + "s) to " + (int) MAX_RATE + ", found " + rate;
    }

    @Override
    protected void checkCombination(StepSpec spec, ValidationSink problems) {
        boolean listed = spec.params().get("on") instanceof List<?> l && l.size() > 1;
        if (spec.params().containsKey("serves") && (listed || spec.params().containsKey("target-session-attrs"))) {
            problems.problem(spec.locationOf("serves"), "'serves' is for a workload on one node (the engine picks the "
                    + "writable one); with a multi-host 'on' the driver picks the host: list every node in 'on' instead, "
                    + "e.g. on: [primary, replica], target-session-attrs: read-write");
        }
        if (spec.params().get("on") instanceof List<?> l && l.stream().map(String::valueOf).distinct().count() < l.size()) {
            problems.problem(spec.locationOf("on"), "'on' names a node twice: list each host of the multi-host "
                    + "connection once, found " + l);
        }
    }

    @Override
    public Duration defaultTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        String name = p.name();
        String table = p.table();
        double rate = p.rate();
        if (running(ctx.state(), name)) {
            throw new StepFailure("workload '" + name + "' is already running: stop it with workload-stop first, "
                    + "or give this one another name");
        }
        List<Node> nodes = p.on().stream().map(ctx::node).toList();
        List<String> candidates = new ArrayList<>();   // 'leader' stays a role: the workload resolves it at each connect
        for (int i = 0; i < nodes.size(); i++) {
            candidates.add(Leader.isRole(p.on().get(i)) ? Leader.ROLE : nodes.get(i).name());
        }
        p.serves().stream().filter(n -> !candidates.contains(n)).forEach(n -> {
            ctx.node(n);
            candidates.add(n);
        });
        long base;
        try (MultiHost.Session s = p.multiHost() ? MultiHost.open(nodes, p.attrs(), null, ctx.remaining())
                : new MultiHost.Session(Sql.open(ctx, nodes.get(0), null), nodes.get(0))) {
            Connection c = s.connection();
            Sql.run(c, "CREATE TABLE IF NOT EXISTS " + table
                    + " (seq bigint PRIMARY KEY, written_at timestamptz NOT NULL, payload text)", Map.of(), ctx.remaining());
            base = Long.parseLong(String.valueOf(Sql.scalar(c, "SELECT coalesce(max(seq), 0) FROM " + table, ctx.remaining())));
        }
        WriteLedger ledger = Ledgers.of(ctx.state(), name);
        Workload w = new Workload(name, ledger, ctx.env(), candidates, p.attrs(), table, base, rate, p.writeTimeout());
        ctx.state().put(stateKey(name), w);
        ctx.state().closeAtEnd(w);
        w.start();
        ctx.output("name", name);
        ctx.output("table", table);
        ctx.output("first-seq", base + 1);
        ctx.await("the first write of workload '" + name + "' to be acknowledged", null,
                () -> w.entries().stream().anyMatch(LedgerEntry::acknowledged) ? "acknowledged" : w.lastProblem(),
                "acknowledged"::equals, s -> s);
        String where = p.multiHost() ? "through a multi-host connection to " + String.join(", ", candidates)
                + " with target-session-attrs " + ParamBinder.yamlName(p.attrs()) + " (pgjdbc targetServerType="
                + p.attrs().targetServerType() + ")" : "on " + String.join(", then ", candidates);
        ctx.evidence("workload '" + name + "' writes " + rate + "/s into " + table + " " + where + ", rows from seq " + (base + 1));
    }

    static String stateKey(String name) {
        return "workload:" + name;
    }

    /** Whether the workload named {@code name} was started in this drill as a multi-host client. */
    static boolean multiHost(RunState state, String name) {
        return state.get(stateKey(name)) instanceof Workload w && w.multiHost();
    }

    /** Whether the workload named {@code name} was started in this drill and is still writing. */
    static boolean running(RunState state, String name) {
        return state.get(stateKey(name)) instanceof Workload w && w.running();
    }
}
