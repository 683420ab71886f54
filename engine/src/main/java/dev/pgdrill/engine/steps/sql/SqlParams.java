package dev.pgdrill.engine.steps.sql;

import dev.pgdrill.engine.postgres.MultiHost;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepParam;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The parameters of {@link SqlStep}, which {@link BlockedSql} and {@link SqlLedger} read too. */
record SqlParams(@StepParam(value = "node to run on; or a list of nodes, tried in order as the hosts of one multi-host "
                      + "connection (see target-session-attrs)", required = true, type = ParamType.NODES) List<String> on,
              @StepParam(value = "with several nodes: which one the connection keeps, as libpq's target_session_attrs "
                      + "(pgjdbc targetServerType: read-write and primary are primary, read-only and standby "
                      + "secondary, prefer-standby preferSecondary)", shown = "any") MultiHost.SessionAttrs targetSessionAttrs,
              @StepParam(value = "statements to run: one text runs as one implicit transaction, all or nothing "
                      + "(as psql -c; several statements in it only without bound :params); a list runs each "
                      + "statement in its own transaction, in order, on one session (as a psql script does)",
                      type = ParamType.SQL_STATEMENTS) Object run,
              @StepParam(value = "query whose first row can be captured", type = ParamType.SQL) String query,
              @StepParam("named bind parameters, written :name in the SQL") Map<String, Object> params,
              @StepParam(value = "database to connect to", shown = "the drill database") String database,
              @StepParam("SQLSTATE (e.g. 23505) or message fragment: the step passes only if the SQL fails so")
              String expectError,
              @StepParam(value = "true: the first row's columns become outputs; or a list of column names to capture",
                      dflt = "false") Object capture,
              @StepParam("record this write's acknowledgement or error in the named ledger (checked later by rpo)")
              String ledger,
              @StepParam(value = "with ledger: what names this write in reports", shown = "the step id or name")
              String key,
              @StepParam(value = "with ledger: a query (same :params) returning true or a count > 0 when the write "
                      + "is on a node", type = ParamType.SQL) String presentIf,
              @StepParam("the statement must still be waiting after this long; it is left waiting (never cancelled) "
                      + "until it ends or the drill does") Duration expectBlocked) {
    /** Whether the step connects as a multi-host client: several nodes, or session attributes to check. */
    boolean multiHost() {
        return on.size() > 1 || targetSessionAttrs != null;
    }

    /** The SQL as one text: the query, the statements of run, or the statements of a list joined for messages. */
    String sql() {
        List<String> each = statements();
        return each != null ? String.join("; ", each) : run != null ? String.valueOf(run) : query;
    }

    /** The statements of a list in run, or null when run is one text (or left out). */
    List<String> statements() {
        return run instanceof List<?> l ? l.stream().map(String::valueOf).toList() : null;
    }
}
