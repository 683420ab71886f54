package dev.pgdrill.engine.steps.backup;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.postgres.Rows;
import dev.pgdrill.engine.postgres.Sql;
import dev.pgdrill.engine.postgres.Times;
import dev.pgdrill.engine.postgres.Wal;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.sql.Connection;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * {@code capture-target: {on: primary}}: records a point to restore to later, in every form a
 * restore accepts (time with offset, restore point name, LSN, xid), then switches WAL and waits
 * until the archive holds it, so a restore to this point can succeed.
 */
public final class CaptureTargetStep extends StepType<CaptureTargetStep.Params> {
    record Params(@StepParam(value = "primary to capture the target on", dflt = "primary", shorthand = true, type = ParamType.NODE) String on,
                  @StepParam(value = "restore point name", shown = "generated (pgdrill_<time>)") String name) {
    }

    public CaptureTargetStep() {
        super("capture-target", "Record a recovery target (time with offset, restore point, LSN, xid), then switch WAL and wait until archived", Params.class,
                StepOutput.of("time", "when the target was recorded (server clock, UTC with offset): a target for time"),
                StepOutput.of("lsn", "the LSN of the restore point: a target for lsn"),
                StepOutput.of("name", "the restore point created: a target for name"),
                StepOutput.of("xid", "the id of the transaction that read the time (the step's own, committed just after it): a target for xid"),
                StepOutput.of("segment", "the WAL segment switched from and archived, which holds the target"));
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        Node node = ctx.node(p.on());
        String name = p.name();
        try (Connection c = Sql.open(ctx, node, null)) {
            // clock_timestamp(), not now(): the time this runs; the xid's own commit comes after it.
            Rows r = Sql.run(c, "SELECT clock_timestamp() AT TIME ZONE 'UTC', txid_current()::text",
                    Map.of(), ctx.remaining());
            String utc = (String) r.rows().get(0).get(0);
            OffsetDateTime time = LocalDateTime.parse(utc.replace(' ', 'T')).atOffset(ZoneOffset.UTC);
            if (name == null) {
                name = "pgdrill_" + time.toInstant().toEpochMilli();
            }
            String lsn = (String) Sql.run(c, "SELECT pg_create_restore_point(:name)::text",
                    Map.of("name", name), ctx.remaining()).first();
            ctx.output("time", Times.format(time));
            ctx.output("xid", r.rows().get(0).get(1));
            ctx.output("name", name);
            ctx.output("lsn", lsn);
        }
        Wal.Segment seg = Wal.switchWal(ctx, node);
        ctx.output("segment", seg.segment());
        Wal.awaitArchived(ctx, node, seg);
    }
}
