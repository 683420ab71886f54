package dev.pgdrill.engine.run;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.model.DurationRange;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.model.Trial;
import dev.pgdrill.engine.scenario.Interpolator;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.RunState;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.wait.Poller;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one step on its own thread under its deadline and turns whatever happens into a {@link StepResult}, as the
 * step gave it ({@link StepResult#masked} is what listeners receive); its progress reaches the listener masked.
 */
final class StepRunner {
    private static final int LOG_TAIL_LINES = 30;
    private static final Duration GRACE = Duration.ofSeconds(5);
    private final StepRegistry registry;
    private final Scenario scenario;
    private final StepSpec step;
    private final Environment env;
    private final RunState state;
    private final Instant drillDeadline;
    private final DrillListener listener;
    private final Redactor secrets;
    private volatile BoundedRun work;
    private volatile String abortReason;
    /** The last (awaiting, current) the step reported, so a step timeout still says what it waited for. */
    private volatile String[] lastWait;

    StepRunner(StepRegistry registry, Scenario scenario, StepSpec step, Environment env, RunState state,
               Instant drillDeadline, DrillListener listener, Redactor secrets) {
        this.registry = registry;
        this.scenario = scenario;
        this.step = step;
        this.env = env;
        this.state = state;
        this.drillDeadline = drillDeadline;
        this.listener = listener;
        this.secrets = secrets;
    }

    StepResult run(String alreadyAborted) {
        Instant start = Instant.now();
        StepType<?> type = registry.find(step.type()).orElseThrow(
                () -> new IllegalStateException("validated step type '" + step.type() + "' is not registered"));
        Duration timeout = step.timeout() != null ? step.timeout() : type.defaultTimeout();
        Instant stepDeadline = start.plus(timeout);
        boolean drillBound = drillDeadline.isBefore(stepDeadline);
        Instant deadline = drillBound ? drillDeadline : stepDeadline;

        Map<String, Object> resolved;
        try {
            resolved = draw(type, resolve(step.params()));
        } catch (IllegalArgumentException e) {
            return result(start, step.params(), StepStatus.FAILED, null, e.getMessage(), List.of());
        }
        StepContext ctx = new StepContext(step, resolved, env, state, deadline,
                (awaiting, current) -> {
                    lastWait = new String[]{awaiting, current};
                    listener.stepProgress(scenario, step, secrets.mask(awaiting), secrets.mask(current));
                });
        if (alreadyAborted != null) {
            return result(start, resolved, StepStatus.ABORTED, ctx, alreadyAborted, List.of());
        }
        state.stepStarted(step.id(), step.type(), step.label(), start);
        BoundedRun work = new BoundedRun("step-" + step.type(), () -> {
            type.run(ctx);
            return null;
        });
        this.work = work;
        BoundedRun.End end = work.await(deadline, GRACE);
        if (end == BoundedRun.End.INTERRUPTED) {
            Thread.currentThread().interrupt();
        }
        StepStatus status = StepStatus.ABORTED;
        String message = abortReason != null ? abortReason : "interrupted";
        if (end == BoundedRun.End.DONE) {
            status = StepStatus.PASSED;
            message = null;
        } else if (abortReason == null && end == BoundedRun.End.FAILED) {
            status = StepStatus.FAILED;
            message = describe(work.failure());
        } else if (abortReason == null && end == BoundedRun.End.TIMED_OUT && drillBound) {
            message = "drill timed out after " + Durations.format(scenario.timeout()) + " (drill timeout)";
        } else if (abortReason == null && end == BoundedRun.End.TIMED_OUT) {
            status = StepStatus.FAILED;
            message = "timed out after " + Durations.format(timeout) + " (step timeout)" + waitingFor();
        }
        List<String> tail = status == StepStatus.PASSED ? List.of() : logTail(ctx);
        return result(start, resolved, status, ctx, message, tail);
    }

    private String waitingFor() {
        String[] w = lastWait;
        return w == null ? "" : " waiting for " + w[0] + " (last: " + w[1] + ")";
    }

    void abort(String reason) {
        abortReason = reason;
        BoundedRun w = work;
        if (w != null) {
            w.stop();
        }
    }

    private Map<String, Object> resolve(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, Interpolator.resolve(v, this::lookup)));
        return out;
    }

    /**
     * Each duration written as a range takes a value drawn from the trial's seed and the parameter's
     * path ({@link Draws}), recorded in the drill's state as drawn.
     */
    private Map<String, Object> draw(StepType<?> type, Map<String, Object> resolved) {
        Trial trial = scenario.trial() != null ? scenario.trial() : new Trial(1, 1, 0L);
        for (Param p : type.params()) {
            Object v = resolved.get(p.name());
            if (p.type() != ParamType.DURATION || !DurationRange.looksLikeRange(v)) {
                continue;
            }
            DurationRange range = DurationRange.parseOrNull((String) v);
            if (range == null) {
                throw new IllegalArgumentException("parameter '" + p.name() + "': expected a duration or a range of "
                        + "durations: " + DurationRange.problem((String) v) + ", found '" + v + "'");
            }
            String value = Draws.value(trial, step, p.name(), range);
            resolved.put(p.name(), value);
            state.drawn(Draws.path(step, p.name()), value);
        }
        return resolved;
    }

    private String lookup(String key) {
        String[] parts = key.split("\\.", 3);
        if (parts.length < 2) {
            return null;
        }
        return switch (parts[0]) {
            case "vars" -> scenario.vars().get(key.substring(5));
            case "env" -> scenario.environment().apply(key.substring(4));
            case "steps" -> parts.length == 3 ? state.output(parts[1], parts[2]) : null;
            default -> null;
        };
    }

    /** A person-readable message for an exception thrown by a step: no stack trace. */
    static String describe(Throwable cause) {
        if (cause instanceof StepFailure) {
            return cause.getMessage();
        }
        if (cause instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : " [SQLSTATE " + sql.getSQLState() + "]";
            return "SQL error: " + Poller.firstLine(sql) + state;
        }
        if (cause instanceof DrillException) {
            return cause.getMessage();
        }
        return cause.getClass().getSimpleName() + ": " + Poller.firstLine(cause);
    }

    private List<String> logTail(StepContext ctx) {
        String nodeName = ctx.focusNode();
        if (nodeName == null || env == null) {
            return List.of();
        }
        try {
            Optional<Node> node = env.node(nodeName);
            return node.map(n -> n.logTail(LOG_TAIL_LINES)).orElse(List.of());
        } catch (RuntimeException e) {
            return List.of("(server log of '" + nodeName + "' unavailable: " + e.getMessage() + ")");
        }
    }

    private StepResult result(Instant start, Map<String, Object> params, StepStatus status, StepContext ctx,
                              String message, List<String> tail) {
        return new StepResult(step, params, status, start, Duration.between(start, Instant.now()),
                ctx == null ? Map.of() : ctx.outputs(),
                ctx == null ? List.of() : ctx.measurements(),
                ctx == null ? List.of() : ctx.samples(),
                ctx == null ? List.of() : ctx.evidence(),
                message, tail);
    }
}
