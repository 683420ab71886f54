package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.model.Placeholders;
import dev.pgdrill.engine.postgres.Lsn;
import dev.pgdrill.engine.postgres.Times;
import dev.pgdrill.engine.step.StepFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks the {@code target:} mapping of a restore: exactly one of time, name, lsn, xid,
 * immediate, latest; and optionally {@code timeline: current | latest | N}, the timeline recovery
 * follows, {@link #DEFAULT_TIMELINE} when left out.
 */
public final class Targets {
    static final String LATEST = "latest";
    public static final List<String> KINDS = List.of("time", "name", "lsn", "xid", "immediate", "latest");
    /** The key naming the timeline to recover along. */
    public static final String TIMELINE = "timeline";
    /**
     * The backup's own timeline: a restore's outcome then depends only on its backup and target, never on
     * which timelines other restores or promotions of the run have added to the archive since.
     */
    public static final String DEFAULT_TIMELINE = RecoveryTarget.CURRENT;

    private Targets() {
    }

    /**
     * Problems with a target as written (values may still hold {@code ${...}} references, which are
     * checked when the step runs); empty when it is fine.
     */
    public static List<String> problems(Map<?, ?> target) {
        List<String> out = new ArrayList<>();
        if (target == null || target.isEmpty()) {
            out.add("'target' needs exactly one of " + String.join(", ", KINDS)
                    + " (e.g. target: {time: \"${steps.before.time}\"})");
            return out;
        }
        List<String> given = new ArrayList<>();
        for (Object k : target.keySet()) {
            String key = String.valueOf(k);
            if (KINDS.contains(key)) {
                given.add(key);
            } else if (key.equals(TIMELINE)) {
                String value = String.valueOf(target.get(k));
                String problem = value.contains("${") ? null : RecoveryTarget.timelineProblem(value);
                if (problem != null) {
                    out.add("target " + problem + " (e.g. target: {time: \"...\", timeline: latest})");
                }
            } else {
                out.add("unknown target kind '" + key + "' (expected one of " + String.join(", ", KINDS)
                        + ", and optionally " + TIMELINE + ")");
            }
        }
        if (given.size() > 1) {
            out.add("'target' needs exactly one of " + String.join(", ", KINDS) + ", found " + String.join(", ", given));
        }
        for (String kind : given) {
            String value = target.get(kind) == null ? "" : String.valueOf(target.get(kind));
            if (Placeholders.mentions(value)) {
                continue;
            }
            String problem = valueProblem(kind, value);
            if (problem != null) {
                out.add(problem);
            }
        }
        return out;
    }

    /** A problem with one resolved value, or null. */
    static String valueProblem(String kind, String value) {
        return switch (kind) {
            case "time" -> value.isBlank() ? "target time is empty"
                    : Times.hasOffset(value) ? null
                    : "target time '" + value + "' has no timezone offset: write e.g. '" + value
                    + "+00' (PostgreSQL would read it in the server's time zone)";
            case "lsn" -> Lsn.isLsn(value) ? null : "target lsn '" + value + "' is not a WAL position like 0/3000148";
            case "xid" -> value.matches("\\d+") ? null : "target xid '" + value + "' is not a transaction id (a number)";
            case "name" -> value.isBlank() ? "target name is empty" : null;
            case "immediate", "latest" -> Set.of("true", "yes").contains(value.toLowerCase(Locale.ROOT)) ? null
                    : "target " + kind + " takes 'true' (e.g. target: {" + kind + ": true})";
            default -> "unknown target kind '" + kind + "'";
        };
    }

    /** The recovery target of a resolved mapping; fails the step on a bad value. */
    public static RecoveryTarget of(Map<String, Object> target, boolean inclusive) {
        List<String> problems = problems(target);
        if (!problems.isEmpty()) {
            throw new StepFailure(String.join("; ", problems));
        }
        String timeline = target.containsKey(TIMELINE) ? String.valueOf(target.get(TIMELINE)) : DEFAULT_TIMELINE;
        String kind = target.keySet().stream().filter(KINDS::contains).findFirst().orElse(LATEST);
        if (!target.containsKey(kind)) {
            return RecoveryTarget.latest().withTimeline(timeline);
        }
        String value = String.valueOf(target.get(kind));
        String problem = valueProblem(kind, value);
        if (problem != null) {
            throw new StepFailure(problem);
        }
        RecoveryTarget.Kind k = RecoveryTarget.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        return switch (k) {
            case LATEST -> RecoveryTarget.latest().withTimeline(timeline);
            case IMMEDIATE -> new RecoveryTarget(k, null, inclusive, timeline);
            default -> new RecoveryTarget(k, value.trim(), inclusive, timeline);
        };
    }
}
